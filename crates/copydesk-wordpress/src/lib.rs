//! Publishing Copydesk stories to the newsroom's WordPress, through its REST API.
//!
//! - [`client`]: one site — its REST API found (`/wp-json/` or `?rest_route=/`), an
//!   application password in a Basic header, every reply JSON or a sentence ([`WpError`]).
//! - [`post`]: what goes where, with no network: a story as a post's fields, a post as a
//!   story.
//! - [`site`]: the site's posts as stories, for the desk view over a site.
//! - [`publish`]: publish a story (create or update its post, picture and terms once each,
//!   never over a colleague's edit on the site) and pull a post as a story.
//!
//! Plain `http://` is refused except to this computer, and the password is never written to
//! a story, a message or a log.

pub mod client;
pub mod error;
pub mod post;
pub mod publish;
pub mod site;

pub use client::{Client, Credentials};
pub use error::WpError;
pub use post::PostStatus;
pub use publish::{Options, Outcome, Step};
