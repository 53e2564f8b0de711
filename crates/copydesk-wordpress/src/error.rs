//! Every way talking to a site can fail, as a sentence that says what happened and what to do.
//!
//! No message ever holds the application password: messages are built from our own words,
//! the site's address, and the `message` WordPress gives in its error replies.

use thiserror::Error;

/// Why a request to the site did not give what was asked.
#[derive(Debug, Error)]
pub enum WpError {
    /// The address is not one Copydesk can use.
    #[error("{0}")]
    BadAddress(String),
    /// Plain `http://` to a computer other than this one.
    #[error(
        "{0} is plain http: the application password would cross the network readable by anyone on the way. Use the site's https:// address (plain http is allowed only for localhost and 127.0.0.1)"
    )]
    Insecure(String),
    /// Nothing answers as a WordPress REST API at the address.
    #[error(
        "no WordPress REST API answers at {0} (neither /wp-json/ nor ?rest_route=/ did); check the address, and that the REST API is not switched off by a plugin"
    )]
    NoApi(String),
    /// The site did not take the user name and application password. WordPress answers
    /// the same way when they are wrong and when its web server never passed them on, so
    /// the sentence names both.
    #[error(
        "the site did not accept the user name and application password ({0}). Check them, or make a new application password under Users > Profile > Application Passwords; if they are right, the site's web server is dropping the Authorization header (PHP through CGI or FastCGI: Apache needs CGIPassAuth On)"
    )]
    Unauthorized(String),
    /// The user may not do this.
    #[error(
        "the site does not let this user do that: {0}. Ask an administrator for the Editor or Author role"
    )]
    Forbidden(String),
    /// The post the story was published to is not on the site any more.
    #[error(
        "post {0} is no longer on the site (it was deleted or moved to the trash); publish with --force to make a new post, or restore it on the site"
    )]
    PostGone(u64),
    /// The site did not answer in time.
    #[error("the site did not answer within {0} seconds; try again, or check that it is up")]
    Timeout(u64),
    /// The connection could not be made.
    #[error("could not connect to {0}: {1}. Check the address and the network connection")]
    Connect(String, String),
    /// A TLS (https) problem: an expired or self-signed certificate, say.
    #[error("the secure connection to {0} failed: {1}. Check the site's certificate")]
    Tls(String, String),
    /// The site failed on its side.
    #[error(
        "the site had an internal error (HTTP {0}): {1}. Try again later, or ask its administrator"
    )]
    Server(u16, String),
    /// Any other error reply.
    #[error("the site answered HTTP {0}: {1}")]
    Refused(u16, String),
    /// The reply was not JSON.
    #[error(
        "the site's reply to {0} was not JSON (HTTP {1}); the address may not be a WordPress site, or a plugin printed an error page"
    )]
    NotJson(String, u16),
    /// The reply was larger than any WordPress answer should be.
    #[error(
        "the site's reply was larger than {0} MB, which no WordPress answer should be; not read"
    )]
    TooLarge(u64),
    /// Scheduled, but the story has no embargo or publication time still to come.
    #[error(
        "a scheduled post needs a moment still to come: give the story an embargo or a publication time in the future, or publish it as a draft, for review or live"
    )]
    NotScheduled,
    /// The user cancelled the publish before the post was written.
    #[error(
        "cancelled before the post was written; the post on the site is as it was (a picture already sent is used again next time)"
    )]
    Cancelled,
    /// A picture to upload could not be read.
    #[error("the picture {0} cannot be read: {1}")]
    Picture(String, String),
    /// Something else went wrong on the way.
    #[error("the request to {0} failed: {1}")]
    Other(String, String),
}
