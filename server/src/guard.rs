//! What every request passes and every response carries, whatever its route: the `Host`
//! check that stops DNS rebinding, and `X-Content-Type-Options: nosniff`.

use crate::problem::Problem;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The host names the server answers for (loopback, and those configured), and the
/// `Keep-Alive` hint every response carries.
#[derive(Clone, Debug)]
pub struct AllowedHosts(Arc<(Vec<String>, HeaderValue)>);

impl AllowedHosts {
    /// Loopback names plus `extra` (host names without a port). `idle_secs` is how long an
    /// idle connection stays open: clients that read the hint (Node's fetch) close theirs
    /// first instead of sending on a socket the server is closing.
    pub fn new(extra: &[String], idle_secs: u64) -> Self {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(str::to_owned).to_vec();
        hosts.extend(extra.iter().map(|h| h.to_ascii_lowercase()));
        let hint =
            HeaderValue::from_str(&format!("timeout={idle_secs}")).unwrap_or(HeaderValue::from_static("timeout=1"));
        AllowedHosts(Arc::new((hosts, hint)))
    }

    /// True when the `Host` header names an allowed host (any port).
    fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.rfind(':') {
            // A port follows the last colon, unless that colon is inside an IPv6 literal.
            Some(colon) if !host[colon..].contains(']') => &host[..colon],
            _ => host.as_str(),
        };
        self.0 .0.iter().any(|allowed| allowed == name)
    }
}

/// 421 for a `Host` the server does not answer for (a page that rebound a name to this
/// address sends its own name), else the route's answer with `nosniff` added.
pub async fn check_host(State(hosts): State<AllowedHosts>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).or(request.uri().host());
    let response = if host.is_some_and(|h| hosts.allows(h)) {
        next.run(request).await
    } else {
        Problem::new(StatusCode::MISDIRECTED_REQUEST, "this server does not answer for that Host").into_response()
    };
    with_common_headers(response, &hosts.0 .1)
}

fn with_common_headers(mut response: Response, keep_alive: &HeaderValue) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(HeaderName::from_static("keep-alive"), keep_alive.clone());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_configured_hosts_with_any_port() {
        let hosts = AllowedHosts::new(&["API.example.com".to_owned()], 10);
        for ok in ["127.0.0.1:8787", "localhost", "LOCALHOST:1", "[::1]:9000", "[::1]", "api.example.com:443"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in ["evil.example", "evil.example:8787", "127.0.0.2:8787", "", "[::2]:1", "localhost.evil"] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }
}
