//! Answers a real WordPress cannot be made to give on demand — an internal error, a reply
//! that is not JSON or is enormous, a site that never answers or refuses the connection, a
//! web server that drops the Authorization header, a user without the right, a deleted post —
//! from a small fake site on 127.0.0.1. Each must be a sentence, never a crash or a hang, and
//! never hold the password.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use copydesk_core::article::{Article, PostLink};
use copydesk_wordpress::publish::{self, Options};
use copydesk_wordpress::{Client, Credentials, WpError};

const PASSWORD: &str = "fake secret 4321";

/// What the fake site answers to a request for `route` (the `rest_route` or path).
type Answer = dyn Fn(&str, &str) -> Reply + Send + Sync;

enum Reply {
    /// Status, content type and body.
    Full(u16, &'static str, Vec<u8>),
    /// Accept and never answer.
    Silence,
}

fn json(status: u16, body: &str) -> Reply {
    Reply::Full(status, "application/json", body.as_bytes().to_vec())
}

/// A fake site answering the REST index and `users/me` like WordPress, and everything else
/// with `answer(method, route)`. Returns its address.
fn fake_site(answer: Arc<Answer>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            std::thread::spawn(move || serve(stream, &*answer));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn serve(mut stream: TcpStream, answer: &Answer) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    // the route: from ?rest_route=/… or the path after /wp-json/
    let route = target
        .split_once("rest_route=")
        .map(|(_, r)| r.split('&').next().unwrap_or_default().replace("%2F", "/"))
        .or_else(|| {
            target
                .split_once("/wp-json/")
                .map(|(_, r)| format!("/{}", r.split('?').next().unwrap_or_default()))
        })
        .unwrap_or_default();
    let reply = match route.as_str() {
        "/" => json(
            200,
            r#"{"name":"Fake","namespaces":["oembed/1.0","wp/v2"]}"#,
        ),
        "/wp/v2/users/me" => json(200, r#"{"id":1,"name":"editor"}"#),
        _ => answer(&method, &route),
    };
    match reply {
        Reply::Full(status, content_type, bytes) => {
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                bytes.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&bytes);
        }
        Reply::Silence => std::thread::sleep(Duration::from_secs(30)),
    }
}

fn connect(site: &str) -> Result<Client, WpError> {
    Client::connect_within(
        &Credentials {
            site: site.into(),
            user: "editor".into(),
            password: PASSWORD.into(),
        },
        Duration::from_secs(1),
    )
}

/// Publishes a story already linked to post 7 on `site`, with `answer` for everything else.
fn publish_linked(answer: Arc<Answer>) -> WpError {
    let site = fake_site(answer);
    let client = connect(&site).unwrap();
    let mut a = Article::new();
    a.headline = "A story".into();
    a.wordpress = Some(PostLink::new(&site, 7, "", "2026-01-01T00:00:00"));
    let e = publish::publish(
        &client,
        &a,
        &Options::default(),
        chrono::Utc::now(),
        &mut |_| {},
    )
    .unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(PASSWORD), "the password in {shown}");
    e
}

#[test]
fn an_internal_error_is_said_so() {
    let e = publish_linked(Arc::new(|_, _| {
        Reply::Full(500, "text/html", b"<h1>Fatal error</h1>".to_vec())
    }));
    assert!(matches!(e, WpError::Server(500, _)), "{e:?}");
    assert!(e.to_string().contains("internal error"), "{e}");
}

#[test]
fn a_reply_that_is_not_json_is_said_so() {
    let e = publish_linked(Arc::new(|_, _| {
        Reply::Full(200, "text/html", b"<html>Maintenance</html>".to_vec())
    }));
    assert!(matches!(e, WpError::NotJson(_, 200)), "{e:?}");
}

#[test]
fn an_enormous_reply_is_not_read() {
    let e = publish_linked(Arc::new(|_, _| {
        Reply::Full(200, "application/json", vec![b' '; 33 * 1024 * 1024])
    }));
    assert!(matches!(e, WpError::TooLarge(32)), "{e:?}");
}

#[test]
fn a_site_that_never_answers_times_out() {
    let e = publish_linked(Arc::new(|_, _| Reply::Silence));
    assert!(matches!(e, WpError::Timeout(1)), "{e:?}");
    assert!(
        e.to_string().contains("did not answer within 1 seconds"),
        "{e}"
    );
}

#[test]
fn a_dropped_authorization_header_and_a_user_without_the_right_are_said_so() {
    let e = publish_linked(Arc::new(|_, _| {
        json(
            401,
            r#"{"code":"rest_not_logged_in","message":"You are not currently logged in.","data":{"status":401}}"#,
        )
    }));
    assert!(matches!(e, WpError::Unauthorized(_)), "{e:?}");
    assert!(e.to_string().contains("CGIPassAuth"), "{e}");
    let e = publish_linked(Arc::new(|_, _| {
        json(
            403,
            r#"{"code":"rest_cannot_edit","message":"Sorry, you are not allowed to edit this post.","data":{"status":403}}"#,
        )
    }));
    assert!(matches!(e, WpError::Forbidden(_)), "{e:?}");
    assert!(
        e.to_string().contains("not allowed to edit this post"),
        "{e}"
    );
}

#[test]
fn a_post_deleted_on_the_site_is_said_so() {
    let e = publish_linked(Arc::new(|_, _| {
        json(
            404,
            r#"{"code":"rest_post_invalid_id","message":"Invalid post ID.","data":{"status":404}}"#,
        )
    }));
    assert!(matches!(e, WpError::PostGone(7)), "{e:?}");
    assert!(e.to_string().contains("--force"), "{e}");
}

#[test]
fn a_refused_connection_and_no_api_are_said_so() {
    // a port nothing listens on
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = connect(&format!("http://127.0.0.1:{port}")).unwrap_err();
    assert!(matches!(e, WpError::Connect(..)), "{e:?}");
    assert!(e.to_string().contains("could not connect"), "{e}");
    // a web server that is not WordPress
    let site = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut s in listener.incoming().flatten() {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let _ = s.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
                );
            }
        });
        format!("http://127.0.0.1:{port}")
    };
    let e = connect(&site).unwrap_err();
    assert!(matches!(e, WpError::NoApi(_)), "{e:?}");
}

#[test]
fn a_cancelled_publish_stops_before_the_post_is_written() {
    let asked: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
    let seen = asked.clone();
    let site = fake_site(Arc::new(move |method: &str, route: &str| {
        seen.lock().unwrap().push(format!("{method} {route}"));
        match (method, route) {
            ("GET", _) => json(200, "[]"),
            (_, r) if r.starts_with("/wp/v2/categories") => json(201, r#"{"id":3}"#),
            _ => json(
                201,
                r#"{"id":9,"link":"x","modified_gmt":"2026-01-01T00:00:00"}"#,
            ),
        }
    }));
    let client = connect(&site).unwrap();
    let mut a = Article::new();
    a.headline = "A story".into();
    a.section = "Politics".into();
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let options = Options {
        cancel: Some(cancel.clone()),
        ..Options::default()
    };
    let mut steps = Vec::new();
    let e = publish::publish(&client, &a, &options, chrono::Utc::now(), &mut |s| {
        // Cancel pressed while the terms are found
        if s == publish::Step::Terms {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        steps.push(s);
    })
    .unwrap_err();
    assert!(matches!(e, WpError::Cancelled), "{e:?}");
    assert!(
        e.to_string().contains("the post on the site is as it was"),
        "{e}"
    );
    assert_eq!(
        steps,
        vec![publish::Step::Terms],
        "no step after the cancel"
    );
    let asked = asked.lock().unwrap();
    assert!(
        !asked.iter().any(|r| r.starts_with("POST /wp/v2/posts")),
        "no post written: {asked:?}"
    );
    assert!(
        asked
            .iter()
            .any(|r| r.starts_with("POST /wp/v2/categories")),
        "the step under way finished: {asked:?}"
    );
}
