//! Bearer tokens: each bound to one user or to every user (admin).

use crate::problem::Problem;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use std::collections::HashMap;

/// Who a token speaks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// May read and write every record.
    Admin,
    /// May read and write only this user's record.
    User(String),
}

/// The configured tokens.
#[derive(Clone, Debug, Default)]
pub struct Tokens(HashMap<String, Principal>);

impl Tokens {
    /// Tokens from `TOKEN=USER_ID` pairs and admin tokens.
    pub fn new(user_tokens: &[String], admin_tokens: &[String]) -> Result<Self, String> {
        let mut map = HashMap::new();
        for pair in user_tokens {
            let (token, user) =
                pair.split_once('=').ok_or_else(|| format!("--user-token wants TOKEN=USER_ID, got {pair:?}"))?;
            if token.is_empty() || user.is_empty() {
                return Err("--user-token wants a non-empty TOKEN and USER_ID".to_owned());
            }
            map.insert(token.to_owned(), Principal::User(user.to_owned()));
        }
        for token in admin_tokens {
            map.insert(token.clone(), Principal::Admin);
        }
        Ok(Tokens(map))
    }

    /// Adds the tokens of a tokens file: `user TOKEN=USER_ID` or `admin TOKEN` a line.
    pub fn add_file(&mut self, text: &str) -> Result<(), String> {
        for (number, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once(char::is_whitespace) {
                Some(("admin", token)) if !token.trim().is_empty() => self.add_admin(token.trim().to_owned()),
                Some(("user", pair)) => {
                    let one = Tokens::new(&[pair.trim().to_owned()], &[]).map_err(|e| format!("line {number}: {e}"))?;
                    self.0.extend(one.0);
                }
                _ => return Err(format!("line {number}: expected `user TOKEN=USER_ID` or `admin TOKEN`")),
            }
        }
        Ok(())
    }

    /// True when no token is configured.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds an admin token.
    pub fn add_admin(&mut self, token: String) {
        self.0.insert(token, Principal::Admin);
    }

    /// 401 unless the request carries an admin token.
    pub fn authorize_admin(&self, headers: &HeaderMap) -> Result<(), Problem> {
        match bearer(headers).and_then(|t| self.0.get(t)) {
            Some(Principal::Admin) => Ok(()),
            _ => Err(Problem::new(StatusCode::UNAUTHORIZED, "an admin `Authorization: Bearer <token>` is required")
                .with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))),
        }
    }

    /// The principal allowed to act on `user_id`: 401 without a known token, 403 for another user.
    pub fn authorize(&self, headers: &HeaderMap, user_id: &str) -> Result<Principal, Problem> {
        let principal = bearer(headers).and_then(|t| self.0.get(t)).ok_or_else(|| {
            Problem::new(StatusCode::UNAUTHORIZED, "a valid `Authorization: Bearer <token>` header is required")
                .with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))
        })?;
        match principal {
            Principal::User(id) if id != user_id => {
                Err(Problem::new(StatusCode::FORBIDDEN, "this token may only access its own user's record"))
            }
            p => Ok(p.clone()),
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive
/// (RFC 9110, section 11.1).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A random token for development, printed at start when none is configured.
pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for a development token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
