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

/// The name this window's saves are signed with, shared by every story session in it (the
/// editor's, the desk's review, the desk's status changes), so a name given in the History
/// panel signs the next save wherever it happens.
#[derive(Clone, Default)]
pub struct Signer(std::sync::Arc<std::sync::Mutex<String>>);

impl Signer {
    /// The name given (empty: the default, [`default_name`]).
    pub fn set(&self, name: &str) {
        if let Ok(mut cell) = self.0.lock() {
            name.trim().clone_into(&mut cell);
        }
    }

    /// The name to sign with now.
    pub fn name(&self) -> String {
        let given = self.0.lock().map(|n| n.clone()).unwrap_or_default();
        name_or_default(Some(&given))
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Signer").field(&self.name()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_given_signs_and_an_empty_one_falls_back_to_the_account() {
        let signer = Signer::default();
        let fallback = signer.name();
        assert!(!fallback.is_empty());
        let other = signer.clone();
        signer.set("  Ann Reporter ");
        assert_eq!(other.name(), "Ann Reporter");
        signer.set("");
        assert_eq!(other.name(), fallback);
    }
}
