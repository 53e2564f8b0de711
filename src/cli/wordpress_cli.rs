//! `copydesk publish` and `copydesk pull`: a story to the newsroom's WordPress and back,
//! for scripts. The application password comes from `COPYDESK_WP_PASSWORD` (never an
//! argument, which other users of the computer could read in the process list).
//!
//! Exit status: 0 published (or pulled), 1 when the post changed on the site since the story
//! last wrote or read it (both modification times are named; `--force` overwrites) or the
//! site refused, 2 for a usage error. Errors read `path: error: message`, as `check` writes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use copydesk_core::format;
use copydesk_core::versions::Kind;
use copydesk_wordpress::publish::{self, Options, Outcome};
use copydesk_wordpress::{Client, Credentials, PostStatus};
use serde_json::json;

/// The variable scripts give the application password in.
pub const PASSWORD_VARIABLE: &str = "COPYDESK_WP_PASSWORD";

/// The site and user, shared by `publish` and `pull`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's address (https://…; plain http only for localhost).
    #[arg(long)]
    pub site: String,
    /// The WordPress user name; the application password is read from COPYDESK_WP_PASSWORD.
    #[arg(long)]
    pub user: String,
}

/// `copydesk publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The story to publish; it records the post, so publishing again updates it.
    pub story: PathBuf,
    /// The site and user.
    #[command(flatten)]
    pub site: SiteArgs,
    /// What the post becomes; by default what the story's status, embargo and publication
    /// time propose.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Overwrite the post even when someone changed it on the site since.
    #[arg(long)]
    pub force: bool,
    /// Print the result as text or as JSON.
    #[arg(long, value_enum, default_value_t = super::OutputFormat::Text)]
    pub format: super::OutputFormat,
}

/// `copydesk pull`.
#[derive(Debug, Args)]
pub struct PullArgs {
    /// The post's id on the site.
    pub post: u64,
    /// The site and user.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The story file to write (atomically); `-` for standard output.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The time zone the post's dates are shown in (IANA name, such as Europe/London).
    #[arg(long, default_value = "UTC")]
    pub zone: String,
}

/// `--status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Saved on the site, not shown.
    Draft,
    /// Waiting for review on the site.
    Pending,
    /// Scheduled at the story's embargo or publication time.
    Future,
    /// Live.
    Publish,
}

impl From<StatusArg> for PostStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Draft => PostStatus::Draft,
            StatusArg::Pending => PostStatus::Pending,
            StatusArg::Future => PostStatus::Future,
            StatusArg::Publish => PostStatus::Publish,
        }
    }
}

fn connect(site: &SiteArgs) -> Result<Client, (u8, String)> {
    let password = std::env::var(PASSWORD_VARIABLE).map_err(|_| {
        (
            2,
            format!(
                "copydesk: error: give the application password in {PASSWORD_VARIABLE} (Users > Profile > Application Passwords on the site)"
            ),
        )
    })?;
    Client::connect(&Credentials {
        site: site.site.clone(),
        user: site.user.clone(),
        password,
    })
    .map_err(|e| (1, format!("{}: error: {e}", site.site)))
}

/// Runs `copydesk publish`.
pub fn run_publish(args: &PublishArgs) -> ExitCode {
    match publish_story(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

fn publish_story(args: &PublishArgs) -> Result<(), (u8, String)> {
    let shown = args.story.display().to_string();
    let (mut article, stamp) =
        format::load_stamped(&args.story).map_err(|e| (1, format!("{shown}: error: {e}")))?;
    let client = connect(&args.site)?;
    let options = Options {
        status: args.status.map(PostStatus::from),
        force: args.force,
        base: args.story.parent().map(Path::to_path_buf),
        ..Options::default()
    };
    let outcome = publish::publish(&client, &article, &options, chrono::Utc::now(), &mut |_| {})
        .map_err(|e| (1, format!("{shown}: error: {e}")))?;
    match outcome {
        Outcome::Conflict {
            theirs_modified,
            recorded,
            theirs,
        } => Err((
            1,
            format!(
                "{shown}: error: the post was changed on the site (modified {theirs_modified} GMT) since this story last published or pulled it (modified {recorded} GMT); their headline is “{}”. Pull it to compare, or publish with --force to overwrite it",
                theirs.headline
            ),
        )),
        Outcome::Published {
            link,
            created,
            status,
        } => {
            let (post, url) = (link.post, link.link.clone());
            article.wordpress = Some(*link);
            // The story records its post, unless someone changed the file meanwhile.
            if matches!(stamp.check(&args.story), Ok(format::DiskState::Changed(..))) {
                return Err((
                    1,
                    format!(
                        "{shown}: error: published as post {post} ({url}), but the file was changed meanwhile, so the post was not recorded in it; publish again to record it"
                    ),
                ));
            }
            let text = format::to_string(&article)
                .map_err(|e| (1, format!("{shown}: error: published as post {post}, but the story could not record it: {e}")))?;
            super::write_story(&args.story, &text, Kind::Publish)
                .map_err(|e| (1, format!("{shown}: error: published as post {post}, but the story could not record it: {e}")))?;
            match args.format {
                super::OutputFormat::Text => println!(
                    "{} post {post} ({}): {url}",
                    if created { "Created" } else { "Updated" },
                    status.as_str()
                ),
                super::OutputFormat::Json => println!(
                    "{}",
                    json!({ "post": post, "link": url, "status": status.as_str(), "created": created })
                ),
            }
            Ok(())
        }
    }
}

/// Runs `copydesk pull`.
pub fn run_pull(args: &PullArgs) -> ExitCode {
    let result = (|| {
        let zone: chrono_tz::Tz = args.zone.parse().map_err(|_| {
            (
                2,
                format!(
                    "copydesk: error: {} is not a time zone; give an IANA name such as Europe/London",
                    args.zone
                ),
            )
        })?;
        let client = connect(&args.site)?;
        let article = publish::pull(&client, args.post, zone)
            .map_err(|e| (1, format!("{}: error: {e}", args.site.site)))?;
        let text = format::to_string(&article).map_err(|e| (1, format!("copydesk: error: {e}")))?;
        super::write_story(&args.output, &text, Kind::Pull).map_err(|m| (1, m))
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}
