//! What every request passes and every response carries, whatever its route: the `Host`
//! check that stops DNS rebinding, and `X-Content-Type-Options: nosniff`.

use crate::problem::Problem;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The host names the server answers for: loopback, and those configured.
#[derive(Clone, Debug)]
pub struct AllowedHosts(Arc<Vec<String>>);

impl AllowedHosts {
    /// Loopback names plus `extra` (host names without a port).
    pub fn new(extra: &[String]) -> Self {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(str::to_owned).to_vec();
        hosts.extend(extra.iter().map(|h| h.to_ascii_lowercase()));
        AllowedHosts(Arc::new(hosts))
    }

    /// True when the `Host` header names an allowed host (any port).
    fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.rfind(':') {
            // A port follows the last colon, unless that colon is inside an IPv6 literal.
            Some(colon) if !host[colon..].contains(']') => &host[..colon],
            _ => host.as_str(),
        };
        self.0.iter().any(|allowed| allowed == name)
    }
}

/// 421 for a `Host` the server does not answer for (a page that rebound a name to this
/// address sends its own name), else the route's answer with `nosniff` added.
pub async fn check_host(State(hosts): State<AllowedHosts>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).or(request.uri().host());
    if !host.is_some_and(|h| hosts.allows(h)) {
        let problem = Problem::new(StatusCode::MISDIRECTED_REQUEST, "this server does not answer for that Host");
        return with_nosniff(problem.into_response());
    }
    with_nosniff(next.run(request).await)
}

fn with_nosniff(mut response: Response) -> Response {
    response.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_configured_hosts_with_any_port() {
        let hosts = AllowedHosts::new(&["API.example.com".to_owned()]);
        for ok in ["127.0.0.1:8787", "localhost", "LOCALHOST:1", "[::1]:9000", "[::1]", "api.example.com:443"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in ["evil.example", "evil.example:8787", "127.0.0.2:8787", "", "[::2]:1", "localhost.evil"] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }
}
