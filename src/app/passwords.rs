//! WordPress application passwords in the computer's own credential store — the Secret
//! Service on Linux, the Keychain on macOS, the Credential Manager on Windows (the `keyring`
//! crate) — so a journalist types a site's password once, not once a run.
//!
//! **Never a hang.** The store is only ever asked on a thread of its own: a Secret Service
//! that is installed but never answers (a locked keyring with no one to unlock it, a session
//! bus with nothing behind it) would otherwise freeze the window. An answer that takes longer
//! than [`PATIENCE`] puts the store aside for the run: passwords are then held in memory only,
//! and the panels say so. A computer with no store at all (a Linux machine without a Secret
//! Service) is the same: the password is asked once a run.
//!
//! **Kept only once the site took it.** A password goes into the store after the site
//! accepted it (a publish, a listing), never as it is typed, so a mistyped one is not kept.
//! It is never written anywhere else: not the settings, a story, the journal or a message.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The name passwords are filed under in the credential store.
pub const SERVICE: &str = "Copydesk WordPress";

/// How long the store may take to answer before it is put aside for the run.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// A place passwords are kept, by account (`user@site`). Called on the keychain's own
/// thread only; may block.
pub trait Vault: Send + Sync {
    /// The password kept for `account`, if any.
    fn get(&self, account: &str) -> Result<Option<String>, String>;
    /// Keeps `password` for `account`.
    fn set(&self, account: &str, password: &str) -> Result<(), String>;
    /// Forgets the password of `account` (no error when there was none).
    fn delete(&self, account: &str) -> Result<(), String>;
}

/// The computer's own credential store, through the `keyring` crate.
pub struct SystemVault;

impl SystemVault {
    fn entry(account: &str) -> Result<keyring::Entry, String> {
        keyring::Entry::new(SERVICE, account).map_err(plain)
    }
}

/// A credential store's error in words a journalist can act on.
fn plain(e: keyring::Error) -> String {
    match e {
        keyring::Error::NoDefaultStore | keyring::Error::NoStorageAccess(_) => {
            if cfg!(target_os = "linux") {
                "no keyring answers on this computer (GNOME Keyring or KWallet, through the \
                 Secret Service)"
                    .into()
            } else {
                "the system's credential store cannot be reached".into()
            }
        }
        keyring::Error::PlatformFailure(e) => format!("the credential store failed ({e})"),
        other => other.to_string(),
    }
}

impl Vault for SystemVault {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        match Self::entry(account)?.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(plain(e)),
        }
    }

    fn set(&self, account: &str, password: &str) -> Result<(), String> {
        Self::entry(account)?.set_password(password).map_err(plain)
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(plain(e)),
        }
    }
}

/// Passwords in memory, for tests (a credential store that forgets at exit).
#[derive(Default)]
pub struct MemoryVault {
    kept: Mutex<HashMap<String, String>>,
}

impl Vault for MemoryVault {
    fn get(&self, account: &str) -> Result<Option<String>, String> {
        let kept = self.kept.lock().map_err(|e| e.to_string())?;
        Ok(kept.get(account).cloned())
    }

    fn set(&self, account: &str, password: &str) -> Result<(), String> {
        let mut kept = self.kept.lock().map_err(|e| e.to_string())?;
        kept.insert(account.to_owned(), password.to_owned());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        let mut kept = self.kept.lock().map_err(|e| e.to_string())?;
        kept.remove(account);
        Ok(())
    }
}

/// The account a site's password is kept under: `user@site`, the site's address as the
/// WordPress client writes it.
pub fn account(site: &str, user: &str) -> String {
    let site = copydesk_wordpress::client::site_url(site)
        .map(|u| u.to_string())
        .unwrap_or_else(|_| site.trim().to_owned());
    format!("{}@{}", user.trim(), site.trim_end_matches('/'))
}

/// How the credential store stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Not asked yet.
    Unknown,
    /// It answered.
    Working,
    /// None is used, or it failed or did not answer: passwords are held for the run only.
    Aside(String),
}

enum Ask {
    Get(String),
    Set(String, String),
    Delete(String),
}

/// What the store's thread answers.
enum Answer {
    Got(String, Result<Option<String>, String>),
    Done(Result<(), String>),
}

/// The window's way to the credential store: asks on a thread of its own, never waits.
pub struct Keychain {
    to: Option<Sender<Ask>>,
    from: Option<Receiver<Answer>>,
    /// Requests sent and not answered yet, with when the oldest was sent.
    waiting: usize,
    since: Option<Instant>,
    standing: Standing,
    /// Accounts whose password is in the store (read from it, or kept in it this run).
    kept: HashMap<String, String>,
    /// Asks the window for a frame (to notice a store that has not answered in time).
    wake: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keychain")
            .field("standing", &self.standing)
            .field("kept", &self.kept.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Default for Keychain {
    fn default() -> Self {
        Keychain::none()
    }
}

impl Keychain {
    /// No credential store: passwords are held for the run only (tests, and `Startup`'s
    /// default).
    pub fn none() -> Keychain {
        Keychain {
            to: None,
            from: None,
            waiting: 0,
            since: None,
            standing: Standing::Aside("no credential store is used".into()),
            kept: HashMap::new(),
            wake: None,
        }
    }

    /// Passwords kept in `vault`, asked on a thread of its own; `wake` is called when it
    /// answers.
    pub fn with(vault: Arc<dyn Vault>, wake: Arc<dyn Fn() + Send + Sync>) -> Keychain {
        let (to, inbox) = mpsc::channel::<Ask>();
        let (out, from) = mpsc::channel();
        let woken = wake.clone();
        let spawned = std::thread::Builder::new()
            .name("copydesk-keychain".into())
            .spawn(move || {
                for ask in inbox {
                    let answer = match ask {
                        Ask::Get(account) => {
                            let got = vault.get(&account);
                            Answer::Got(account, got)
                        }
                        Ask::Set(account, password) => Answer::Done(vault.set(&account, &password)),
                        Ask::Delete(account) => Answer::Done(vault.delete(&account)),
                    };
                    if out.send(answer).is_err() {
                        return;
                    }
                    woken();
                }
            });
        match spawned {
            Ok(_) => Keychain {
                to: Some(to),
                from: Some(from),
                standing: Standing::Unknown,
                wake: Some(wake),
                ..Keychain::none()
            },
            Err(e) => Keychain {
                standing: Standing::Aside(format!("it could not be reached ({e})")),
                ..Keychain::none()
            },
        }
    }

    /// How the store stands.
    pub fn standing(&self) -> &Standing {
        &self.standing
    }

    /// Whether the password of `user` on `site` is in the store.
    pub fn is_kept(&self, site: &str, user: &str) -> bool {
        self.kept.contains_key(&account(site, user))
    }

    /// What the password field says of where its password is kept, in a sentence.
    pub fn note(&self, site: &str, user: &str) -> String {
        match &self.standing {
            Standing::Aside(why) => format!(
                "Kept for this run only, never saved: the computer's credential store is not in use ({why})."
            ),
            _ if self.is_kept(site, user) => {
                "Kept in the computer's credential store (never in Copydesk's files).".into()
            }
            _ => "Kept in the computer's credential store once the site accepts it; never in Copydesk's files."
                .into(),
        }
    }

    fn send(&mut self, ask: Ask) -> bool {
        if matches!(self.standing, Standing::Aside(_)) {
            return false;
        }
        let Some(to) = &self.to else {
            return false;
        };
        if to.send(ask).is_err() {
            self.set_aside("its thread stopped".into());
            return false;
        }
        self.waiting += 1;
        if self.since.is_none() {
            self.arm();
        }
        true
    }

    /// Starts the store's time for the oldest request waiting, with a frame once it is up,
    /// to put the store aside if it is still silent (the window paints nothing at rest
    /// otherwise).
    fn arm(&mut self) {
        self.since = Some(Instant::now());
        if let Some(wake) = self.wake.clone() {
            let _ = std::thread::Builder::new()
                .name("copydesk-keychain-timer".into())
                .spawn(move || {
                    std::thread::sleep(PATIENCE + Duration::from_millis(50));
                    wake();
                });
        }
    }

    /// Asks for the password of `user` on `site`; it comes from [`Keychain::poll`].
    pub fn ask(&mut self, site: &str, user: &str) {
        self.send(Ask::Get(account(site, user)));
    }

    /// Keeps the password the site accepted for `user` (a no-op when it is kept already).
    pub fn keep(&mut self, site: &str, user: &str, password: &str) {
        let account = account(site, user);
        if password.is_empty() || self.kept.get(&account).is_some_and(|p| p == password) {
            return;
        }
        if self.send(Ask::Set(account.clone(), password.to_owned())) {
            self.kept.insert(account, password.to_owned());
        }
    }

    /// Forgets the password of `user` on `site`, in the store too.
    pub fn forget(&mut self, site: &str, user: &str) {
        let account = account(site, user);
        self.kept.remove(&account);
        self.send(Ask::Delete(account));
    }

    fn set_aside(&mut self, why: String) {
        self.standing = Standing::Aside(why);
        self.to = None;
        self.from = None;
        self.waiting = 0;
        self.since = None;
    }

    /// Once a frame: the store's answers. Returns the passwords read, by account. Puts the
    /// store aside when it failed or has not answered within [`PATIENCE`].
    pub fn poll(&mut self) -> Vec<(String, String)> {
        let mut read = Vec::new();
        let mut failed = None;
        if let Some(from) = &self.from {
            while let Ok(answer) = from.try_recv() {
                self.waiting = self.waiting.saturating_sub(1);
                self.since = None;
                match answer {
                    Answer::Got(account, Ok(Some(password))) => {
                        self.standing = Standing::Working;
                        self.kept.insert(account.clone(), password.clone());
                        read.push((account, password));
                    }
                    Answer::Got(_, Ok(None)) | Answer::Done(Ok(())) => {
                        self.standing = Standing::Working;
                    }
                    Answer::Got(_, Err(e)) | Answer::Done(Err(e)) => failed = Some(e),
                }
            }
        }
        if self.waiting > 0 && self.since.is_none() {
            self.arm();
        }
        if let Some(e) = failed {
            self.set_aside(e);
        } else if self.since.is_some_and(|s| s.elapsed() > PATIENCE) {
            self.set_aside(format!("it did not answer within {} s", PATIENCE.as_secs()));
        }
        read
    }

    /// Whether an answer is awaited (the window asks for a frame now and then to look).
    pub fn waiting(&self) -> bool {
        self.waiting > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(k: &mut Keychain) -> Vec<(String, String)> {
        let start = Instant::now();
        let mut read = Vec::new();
        while k.waiting() && start.elapsed() < Duration::from_secs(10) {
            read.extend(k.poll());
            std::thread::sleep(Duration::from_millis(5));
        }
        read
    }

    #[test]
    fn a_kept_password_is_read_back_and_forgotten() {
        let vault = Arc::new(MemoryVault::default());
        let mut k = Keychain::with(vault.clone(), Arc::new(|| {}));
        k.ask("http://127.0.0.1/wp", "editor");
        assert!(settle(&mut k).is_empty(), "nothing kept yet");
        assert_eq!(k.standing(), &Standing::Working);
        k.keep("http://127.0.0.1/wp/", " editor", "abcd efgh");
        settle(&mut k);
        assert_eq!(
            vault.get("editor@http://127.0.0.1/wp").unwrap().as_deref(),
            Some("abcd efgh"),
            "one account however the address is written"
        );
        let mut again = Keychain::with(vault.clone(), Arc::new(|| {}));
        again.ask("http://127.0.0.1/wp", "editor");
        assert_eq!(
            settle(&mut again),
            vec![("editor@http://127.0.0.1/wp".into(), "abcd efgh".into())]
        );
        assert!(again.is_kept("http://127.0.0.1/wp", "editor"));
        again.forget("http://127.0.0.1/wp", "editor");
        settle(&mut again);
        assert_eq!(vault.get("editor@http://127.0.0.1/wp").unwrap(), None);
    }

    /// A store that never answers: a Secret Service with nothing behind it.
    struct Silent;
    impl Vault for Silent {
        fn get(&self, _: &str) -> Result<Option<String>, String> {
            std::thread::sleep(Duration::from_secs(3600));
            Ok(None)
        }
        fn set(&self, _: &str, _: &str) -> Result<(), String> {
            Ok(())
        }
        fn delete(&self, _: &str) -> Result<(), String> {
            Ok(())
        }
    }

    #[test]
    fn a_store_that_never_answers_is_put_aside_and_nothing_waits_for_it() {
        let mut k = Keychain::with(Arc::new(Silent), Arc::new(|| {}));
        k.ask("https://news.example.org", "editor");
        // the window's side never blocks: the store sleeps for an hour, and this poll (and
        // so this test) returns anyway, with nothing read and the question still open
        assert!(k.poll().is_empty());
        assert!(k.waiting());
        // as if PATIENCE had passed
        k.since = Some(Instant::now() - PATIENCE - Duration::from_millis(1));
        k.poll();
        assert!(matches!(k.standing(), Standing::Aside(why) if why.contains("did not answer")));
        assert!(!k.waiting());
        // from now on the password is held for the run only, and says so
        k.keep("https://news.example.org", "editor", "pw");
        assert!(!k.is_kept("https://news.example.org", "editor"));
        assert!(
            k.note("https://news.example.org", "editor")
                .starts_with("Kept for this run only")
        );
    }

    /// A store that fails: no Secret Service on this computer.
    struct Missing;
    impl Vault for Missing {
        fn get(&self, _: &str) -> Result<Option<String>, String> {
            Err("no Secret Service is running".into())
        }
        fn set(&self, _: &str, _: &str) -> Result<(), String> {
            Err("no Secret Service is running".into())
        }
        fn delete(&self, _: &str) -> Result<(), String> {
            Err("no Secret Service is running".into())
        }
    }

    #[test]
    fn no_store_means_the_password_is_held_for_the_run_and_the_reason_given() {
        let mut k = Keychain::with(Arc::new(Missing), Arc::new(|| {}));
        k.ask("https://news.example.org", "editor");
        settle(&mut k);
        assert_eq!(
            k.standing(),
            &Standing::Aside("no Secret Service is running".into())
        );
        assert!(
            k.note("https://news.example.org", "editor")
                .contains("no Secret Service is running")
        );
    }

    /// The computer's own store. In CI it runs twice: once as it is (no session bus: the
    /// store is put aside, quickly, with the reason) and once beside a real GNOME Keyring
    /// (`bash .ci/secret-service cargo test --lib passwords`: the password goes in, comes back
    /// in a new keychain and is forgotten).
    #[test]
    fn the_system_store_keeps_a_password_or_is_put_aside_with_its_reason() {
        let site = "https://copydesk-test.invalid";
        let user = format!("test-{}", std::process::id());
        let mut k = Keychain::with(Arc::new(SystemVault), Arc::new(|| {}));
        k.ask(site, &user);
        assert!(settle(&mut k).is_empty(), "nothing kept for a new account");
        let keyring = std::env::var_os("COPYDESK_SECRET_SERVICE_INNER").is_some();
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
        if keyring {
            assert_eq!(k.standing(), &Standing::Working);
            k.keep(site, &user, "abcd efgh ijkl");
            settle(&mut k);
            assert_eq!(
                SystemVault.get(&account(site, &user)).unwrap().as_deref(),
                Some("abcd efgh ijkl")
            );
            let mut next_run = Keychain::with(Arc::new(SystemVault), Arc::new(|| {}));
            next_run.ask(site, &user);
            assert_eq!(
                settle(&mut next_run),
                vec![(account(site, &user), "abcd efgh ijkl".to_owned())]
            );
            next_run.forget(site, &user);
            settle(&mut next_run);
            assert_eq!(SystemVault.get(&account(site, &user)).unwrap(), None);
        } else if !bus {
            // No session bus at all: no store, put aside with a reason (however long the
            // machine took to find that out), and the password not kept.
            assert!(
                matches!(k.standing(), Standing::Aside(why) if !why.is_empty()),
                "{:?}",
                k.standing()
            );
            k.keep(site, &user, "abcd");
            assert!(!k.is_kept(site, &user));
        } else {
            // A desktop's own session: the store answered or was put aside; either way the
            // question was settled and nothing was kept.
            assert!(!k.waiting());
            assert!(!k.is_kept(site, &user));
        }
    }

    #[test]
    fn the_debug_output_never_holds_a_password() {
        let vault = Arc::new(MemoryVault::default());
        let mut k = Keychain::with(vault, Arc::new(|| {}));
        k.keep("https://news.example.org", "editor", "secret words 42");
        settle(&mut k);
        assert!(!format!("{k:?}").contains("secret words"));
    }
}
