//! The name every kept version of a story is signed with ([`copydesk_core::versions`]).
//!
//! In the window: the "Your name" the user gave in the History panel, else this. On the
//! command line: `COPYDESK_NAME`, else the computer account's full name (the passwd entry's
//! name on Linux, the account's display name on macOS and Windows), else its user name.

/// The variable scripts set to sign the versions they write.
pub const NAME_VARIABLE: &str = "COPYDESK_NAME";

/// The name to sign with when the user has given none: `COPYDESK_NAME`, else the account's
/// full name, else its user name, else "someone".
pub fn default_name() -> String {
    if let Ok(name) = std::env::var(NAME_VARIABLE)
        && !name.trim().is_empty()
    {
        return name.trim().to_owned();
    }
    [whoami::realname(), whoami::username()]
        .into_iter()
        .flatten()
        .map(|n| n.trim().to_owned())
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| "someone".to_owned())
}

/// `given` when it holds a name, else [`default_name`].
pub fn name_or_default(given: Option<&str>) -> String {
    match given.map(str::trim) {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => default_name(),
    }
}
