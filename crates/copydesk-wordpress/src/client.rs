//! Talking to one site: finding its REST API, authenticating with an application password,
//! and turning every reply into JSON or a [`WpError`] sentence.
//!
//! Requests are blocking (the window runs them on a thread of its own) with a time limit of
//! [`TIMEOUT`], and no reply is read past [`MAX_REPLY_BYTES`].

use std::time::Duration;

use base64::Engine;
use serde_json::Value;
use url::Url;

use crate::error::WpError;

/// How long a request may take before the site is said not to answer.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// The largest reply read (a page of 100 posts with their content is a few MB).
pub const MAX_REPLY_BYTES: u64 = 32 * 1024 * 1024;

/// A site and who publishes to it. The password is held here only as long as the client
/// lives; it is never written anywhere and never part of an error.
#[derive(Clone, PartialEq)]
pub struct Credentials {
    /// The site's address as the user gave it (`https://news.example.org`).
    pub site: String,
    /// The WordPress user name.
    pub user: String,
    /// The application password (Users → Profile → Application Passwords).
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("site", &self.site)
            .field("user", &self.user)
            .field("password", &"(hidden)")
            .finish()
    }
}

/// How the site's routes are addressed.
#[derive(Debug, Clone)]
enum Routes {
    /// Pretty permalinks: `https://site/wp-json/wp/v2/posts`.
    Pretty(Url),
    /// Without them: `https://site/?rest_route=/wp/v2/posts`.
    Query(Url),
}

/// A connection to one site's REST API.
pub struct Client {
    site: String,
    routes: Routes,
    agent: ureq::Agent,
    authorization: String,
    timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("site", &self.site)
            .field("routes", &self.routes)
            .finish_non_exhaustive()
    }
}

/// A reply: its status and its JSON.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub json: Value,
}

/// The site's address, checked: http(s), and plain http only to this computer.
pub fn site_url(site: &str) -> Result<Url, WpError> {
    let trimmed = site.trim();
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| {
        WpError::BadAddress(format!(
            "{trimmed} is not a web address ({e}); give it as https://news.example.org"
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let local = matches!(
                url.host(),
                Some(url::Host::Domain("localhost"))
                    | Some(url::Host::Ipv4(std::net::Ipv4Addr::LOCALHOST))
                    | Some(url::Host::Ipv6(std::net::Ipv6Addr::LOCALHOST))
            );
            if !local {
                return Err(WpError::Insecure(trimmed.to_owned()));
            }
        }
        other => {
            return Err(WpError::BadAddress(format!(
                "{trimmed} is a {other}: address; give the site's https:// address"
            )));
        }
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

impl Client {
    /// Finds the site's REST API (`/wp-json/`, else `?rest_route=/`) and checks the
    /// credentials by asking who the user is.
    pub fn connect(credentials: &Credentials) -> Result<Client, WpError> {
        Self::connect_within(credentials, TIMEOUT)
    }

    /// [`Client::connect`] with another time limit per request (tests of a site that never
    /// answers use a short one).
    pub fn connect_within(credentials: &Credentials, timeout: Duration) -> Result<Client, WpError> {
        let base = site_url(&credentials.site)?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", credentials.user, credentials.password));
        let mut client = Client {
            site: credentials.site.trim().to_owned(),
            routes: Routes::Query(base.clone()),
            agent,
            authorization: format!("Basic {token}"),
            timeout,
        };
        client.routes = client.discover(&base)?;
        client.get("wp/v2/users/me", &[("context", "edit")])?;
        Ok(client)
    }

    /// The site's address as the user gave it.
    pub fn site(&self) -> &str {
        &self.site
    }

    fn discover(&self, base: &Url) -> Result<Routes, WpError> {
        let candidates = [
            Routes::Pretty(base.join("wp-json/").map_err(bad_url)?),
            Routes::Query(base.clone()),
        ];
        for routes in candidates {
            let url = route_url(&routes, "", &[]);
            // Anonymous: the index needs no password, and a wrong one must not hide the API.
            match self.send(self.agent.get(url.as_str()), &url, None) {
                Ok(reply) if is_api_index(&reply.json) => return Ok(routes),
                Ok(_) | Err(WpError::NotJson(..) | WpError::Refused(..)) => {}
                Err(e @ (WpError::Timeout(_) | WpError::Connect(..) | WpError::Tls(..))) => {
                    return Err(e);
                }
                Err(_) => {}
            }
        }
        Err(WpError::NoApi(self.site.clone()))
    }

    /// The address of `route` (such as `wp/v2/posts/12`) with `query`.
    pub fn url(&self, route: &str, query: &[(&str, &str)]) -> Url {
        route_url(&self.routes, route, query)
    }

    /// GET `route`.
    pub fn get(&self, route: &str, query: &[(&str, &str)]) -> Result<Reply, WpError> {
        let url = self.url(route, query);
        let request = self
            .agent
            .get(url.as_str())
            .header("Authorization", &self.authorization);
        self.send(request, &url, None)
    }

    /// POST `body` as JSON to `route`.
    pub fn post_json(&self, route: &str, body: &Value) -> Result<Reply, WpError> {
        let url = self.url(route, &[]);
        let bytes = serde_json::to_vec(body).map_err(|e| other(&url, &e))?;
        let request = self
            .agent
            .post(url.as_str())
            .header("Authorization", &self.authorization)
            .header("Content-Type", "application/json; charset=utf-8");
        self.send_body(request, &url, &bytes)
    }

    /// POST raw bytes to `route` (a picture to the media library).
    pub fn post_bytes(
        &self,
        route: &str,
        bytes: &[u8],
        content_type: &str,
        file_name: &str,
    ) -> Result<Reply, WpError> {
        let url = self.url(route, &[]);
        // The name is ASCII for the header; WordPress takes the file's type from it.
        let safe: String = file_name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let request = self
            .agent
            .post(url.as_str())
            .header("Authorization", &self.authorization)
            .header("Content-Type", content_type)
            .header(
                "Content-Disposition",
                format!("attachment; filename=\"{safe}\""),
            );
        self.send_body(request, &url, bytes)
    }

    fn send_body(
        &self,
        request: ureq::RequestBuilder<ureq::typestate::WithBody>,
        url: &Url,
        bytes: &[u8],
    ) -> Result<Reply, WpError> {
        let response = request
            .send(bytes)
            .map_err(|e| transport(url, &e, self.timeout))?;
        read_reply(response, url, self.timeout)
    }

    fn send(
        &self,
        request: ureq::RequestBuilder<ureq::typestate::WithoutBody>,
        url: &Url,
        _nothing: Option<()>,
    ) -> Result<Reply, WpError> {
        let response = request
            .call()
            .map_err(|e| transport(url, &e, self.timeout))?;
        read_reply(response, url, self.timeout)
    }
}

fn route_url(routes: &Routes, route: &str, query: &[(&str, &str)]) -> Url {
    let mut url = match routes {
        Routes::Pretty(root) => root.join(route).unwrap_or_else(|_| root.clone()),
        Routes::Query(base) => {
            let mut u = base.clone();
            u.query_pairs_mut()
                .append_pair("rest_route", &format!("/{route}"));
            u
        }
    };
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url
}

fn is_api_index(json: &Value) -> bool {
    json.get("namespaces")
        .and_then(Value::as_array)
        .is_some_and(|n| n.iter().any(|x| x == "wp/v2"))
}

fn read_reply(
    mut response: ureq::http::Response<ureq::Body>,
    url: &Url,
    timeout: Duration,
) -> Result<Reply, WpError> {
    let status = response.status().as_u16();
    let bytes = match response
        .body_mut()
        .with_config()
        .limit(MAX_REPLY_BYTES)
        .read_to_vec()
    {
        Ok(b) => b,
        Err(ureq::Error::BodyExceedsLimit(_)) => {
            return Err(WpError::TooLarge(MAX_REPLY_BYTES / (1024 * 1024)));
        }
        Err(e) => return Err(transport(url, &e, timeout)),
    };
    let Ok(json) = serde_json::from_slice::<Value>(&bytes) else {
        if status >= 500 {
            return Err(WpError::Server(status, "the reply was not JSON".into()));
        }
        return Err(WpError::NotJson(shown(url), status));
    };
    if (200..300).contains(&status) {
        return Ok(Reply { status, json });
    }
    let code = json.get("code").and_then(Value::as_str).unwrap_or_default();
    let message = json
        .get("message")
        .and_then(Value::as_str)
        .map(copydesk_core::import::html::text)
        .unwrap_or_else(|| format!("HTTP {status}"));
    Err(match (status, code) {
        (401, _) => WpError::Unauthorized(message),
        (403, _) => WpError::Forbidden(message),
        (s, _) if s >= 500 => WpError::Server(s, message),
        (s, "term_exists") => WpError::Refused(s, format!("term_exists {}", term_id(&json))),
        (s, _) => WpError::Refused(
            s,
            if code.is_empty() {
                message
            } else {
                format!("{message} ({code})")
            },
        ),
    })
}

/// The existing term's id in a `term_exists` error.
fn term_id(json: &Value) -> u64 {
    json.pointer("/data/term_id")
        .or_else(|| json.pointer("/additional_data/0"))
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// The address as shown in messages: without its query's secrets (there are none) but
/// without noise either.
fn shown(url: &Url) -> String {
    url.as_str().to_owned()
}

fn bad_url(e: url::ParseError) -> WpError {
    WpError::BadAddress(format!("the site's address cannot be used: {e}"))
}

fn other(url: &Url, e: &dyn std::fmt::Display) -> WpError {
    WpError::Other(shown(url), e.to_string())
}

fn transport(url: &Url, e: &ureq::Error, timeout: Duration) -> WpError {
    let host = url.host_str().unwrap_or_default().to_owned();
    match e {
        ureq::Error::Timeout(_) => WpError::Timeout(timeout.as_secs()),
        ureq::Error::HostNotFound => WpError::Connect(host, "no such host".into()),
        ureq::Error::ConnectionFailed => WpError::Connect(host, "the connection failed".into()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            WpError::Connect(host, "the connection was refused".into())
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            WpError::Timeout(timeout.as_secs())
        }
        // rustls reports a refused certificate or a broken handshake as data it could not
        // accept, through the connection's I/O.
        ureq::Error::Io(io)
            if io.kind() == std::io::ErrorKind::InvalidData && url.scheme() == "https" =>
        {
            WpError::Tls(host, tls_reason(&io.to_string()))
        }
        ureq::Error::Io(io) => WpError::Connect(host, io.to_string()),
        ureq::Error::Tls(t) => WpError::Tls(host, tls_reason(t)),
        ureq::Error::Rustls(t) => WpError::Tls(host, tls_reason(&t.to_string())),
        ureq::Error::BodyExceedsLimit(_) => WpError::TooLarge(MAX_REPLY_BYTES / (1024 * 1024)),
        other => WpError::Other(shown(url), other.to_string()),
    }
}

/// A TLS failure in words a journalist can act on, with the library's own words after.
fn tls_reason(raw: &str) -> String {
    let plain = if raw.contains("UnknownIssuer") {
        "its certificate is not signed by an authority this computer trusts (a self-signed \
         certificate?)"
    } else if raw.contains("Expired") {
        "its certificate has expired"
    } else if raw.contains("NotValidForName") {
        "its certificate is for another address"
    } else {
        return raw.to_owned();
    };
    format!("{plain} ({raw})")
}

/// The id in a `term_exists` refusal, when that is what `e` is.
pub fn existing_term(e: &WpError) -> Option<u64> {
    match e {
        WpError::Refused(400 | 409 | 500, m) => m
            .strip_prefix("term_exists ")
            .and_then(|id| id.parse().ok())
            .filter(|&id| id > 0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_for_this_computer_only() {
        assert!(site_url("http://127.0.0.1/wp").is_ok());
        assert!(site_url("http://localhost:8080/").is_ok());
        let e = site_url("http://news.example.org").unwrap_err();
        assert!(matches!(e, WpError::Insecure(_)));
        assert!(e.to_string().contains("https://"), "{e}");
        assert_eq!(
            site_url("news.example.org/blog").unwrap().as_str(),
            "https://news.example.org/blog/"
        );
        assert!(matches!(
            site_url("ftp://x.org"),
            Err(WpError::BadAddress(_))
        ));
    }

    #[test]
    fn routes_with_and_without_pretty_permalinks() {
        let base = site_url("http://127.0.0.1/wp").unwrap();
        let pretty = Routes::Pretty(base.join("wp-json/").unwrap());
        assert_eq!(
            route_url(&pretty, "wp/v2/posts/3", &[("context", "edit")]).as_str(),
            "http://127.0.0.1/wp/wp-json/wp/v2/posts/3?context=edit"
        );
        let query = Routes::Query(base);
        assert_eq!(
            route_url(&query, "wp/v2/posts", &[("search", "a b")]).as_str(),
            "http://127.0.0.1/wp/?rest_route=%2Fwp%2Fv2%2Fposts&search=a+b"
        );
    }

    #[test]
    fn the_password_is_never_shown() {
        let c = Credentials {
            site: "https://x.org".into(),
            user: "ed".into(),
            password: "abcd efgh".into(),
        };
        assert!(!format!("{c:?}").contains("abcd"));
    }
}
