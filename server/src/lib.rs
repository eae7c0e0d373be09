//! Reference user-management API for guided checklists: the properties record
//! of seeds 000 and 001 on SQLite, validated by the same engine the browser runs.

pub mod auth;
pub mod config;
mod guard;
mod problem;
mod properties;
mod seed;
mod serve;
mod store;
mod test_controls;
mod view;

use auth::{random_token, Tokens};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;
pub use config::Config;
use guard::AllowedHosts;
use problem::Problem;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::Store;
use test_controls::Controls;
use tokio::net::TcpListener;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    tokens: Arc<Tokens>,
    controls: Option<Arc<Controls>>,
    quiet: bool,
}

/// A configured server, ready to serve.
pub struct Server {
    router: Router,
    deadlines: serve::Deadlines,
    /// The admin token made up at start because none was configured.
    pub dev_token: Option<String>,
}

impl Server {
    /// Opens the database, seeds it if asked, and builds the routes.
    pub async fn new(config: &Config) -> Result<Self, String> {
        let mut tokens = Tokens::new(&config.user_tokens, &config.admin_tokens)?;
        if let Some(path) = &config.tokens_file {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            tokens.add_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let dev_token = if tokens.is_empty() {
            let token = random_token()?;
            tokens.add_admin(token.clone());
            Some(token)
        } else {
            None
        };
        let store = Store::open(&config.db).map_err(|e| format!("cannot open {}: {e}", config.db.display()))?;
        if let Some(seed) = &config.seed {
            seed::seed(&store, seed).await?;
        }
        let state = AppState {
            store,
            tokens: Arc::new(tokens),
            controls: config.test_controls.then(Arc::default),
            quiet: config.quiet,
        };
        let deadlines = serve::Deadlines {
            header: Duration::from_millis(config.header_timeout_ms),
            shutdown_grace: Duration::from_millis(config.shutdown_grace_ms),
        };
        Ok(Server { router: router(state, config)?, deadlines, dev_token })
    }

    /// Serves on `listener` until `shutdown` completes, then lets the requests under way
    /// finish (within `--shutdown-grace-ms`).
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        serve::serve(self.router, listener, self.deadlines, shutdown).await
    }
}

const PROPERTIES: &str = "/api/usermanagement/v1/users/{user_id}/properties";
const CHECKLIST: &str = "/api/usermanagement/v1/users/{user_id}/properties/guided-checklist";

fn router(state: AppState, config: &Config) -> Result<Router, String> {
    let mut api = Router::new()
        .route(PROPERTIES, get(properties::get).put(properties::put).fallback(|| method_not_allowed("GET, PUT")))
        .route(
            CHECKLIST,
            MethodRouter::new().patch(properties::patch_checklist).fallback(|| method_not_allowed("PATCH")),
        );
    if config.test_controls {
        api = api.merge(test_controls::routes(state.clone()));
    }
    api = match &config.static_dir {
        Some(dir) => api.fallback_service(ServeDir::new(dir)),
        None => api.fallback(|| async { Problem::new(StatusCode::NOT_FOUND, "no such resource") }),
    };
    Ok(api
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(middleware::from_fn_with_state(state.clone(), test_controls::inject))
        // Requests wait their turn here, bodies unread: memory stays bounded under load.
        .layer(GlobalConcurrencyLimitLayer::new(config.max_concurrent_requests.max(1)))
        .layer(middleware::from_fn_with_state(state.clone(), log_request))
        .layer(cors(config)?)
        .layer(middleware::from_fn_with_state(
            AllowedHosts::new(&config.allowed_hosts, config.header_timeout_ms / 1000),
            guard::check_host,
        ))
        .with_state(state))
}

async fn method_not_allowed(allow: &'static str) -> Problem {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, format!("this resource allows {allow}"))
        .with_header(header::ALLOW, HeaderValue::from_static(allow))
}

/// CORS for the configured origins, allowing only the methods and headers the API has
/// (and those of the test controls when they are on).
fn cors(config: &Config) -> Result<CorsLayer, String> {
    let (origins, test_controls) = (&config.cors_origins, config.test_controls);
    let any = origins.iter().any(|o| o == "*");
    // Credentials (cookie sessions) are allowed, so "any origin" mirrors the caller's.
    let allow = if any {
        AllowOrigin::mirror_request()
    } else {
        let list = origins
            .iter()
            .map(|o| HeaderValue::from_str(o).map_err(|_| format!("bad --cors-origin {o:?}")))
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(list)
    };
    Ok(CorsLayer::new()
        .allow_origin(allow)
        .allow_methods(if test_controls {
            vec![Method::GET, Method::PUT, Method::PATCH, Method::POST, Method::DELETE]
        } else {
            vec![Method::GET, Method::PUT, Method::PATCH]
        })
        .allow_headers(if any {
            AllowHeaders::mirror_request()
        } else {
            let mut names = vec![header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_MATCH, header::IF_NONE_MATCH];
            for name in &config.cors_allow_headers {
                names.push(name.parse().map_err(|_| format!("bad --cors-allow-header {name:?}"))?);
            }
            AllowHeaders::list(names)
        })
        .allow_credentials(true)
        .expose_headers([header::ETAG, header::RETRY_AFTER])
        .max_age(Duration::from_secs(600)))
}

/// One line per request: method, path, status, time. Never headers, so never a token.
async fn log_request(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.quiet {
        return next.run(request).await;
    }
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    eprintln!("{method} {path} {} {:.1}ms", response.status().as_u16(), started.elapsed().as_secs_f64() * 1e3);
    response.into_response()
}
