//! Stories from elsewhere: IPTC ninjs news items from agencies and other newsroom systems,
//! and the HTML bodies they carry.
//!
//! - [`ninjs`]: ninjs 3.x, 2.x and 1.x items as Copydesk stories.
//! - [`html`]: an HTML body (an agency's, or one Copydesk exported) as body blocks.
//! - [`nitf`]: a NITF (XML) body, as agencies still send, read through the HTML reader.
//!
//! Nothing here panics or hangs, whatever the input: every way a file can be wrong is an
//! error that says what the file holds and what to do.

pub mod html;
pub mod ninjs;
pub mod nitf;
