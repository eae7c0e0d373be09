//! `guided-checklist-server`: starts the reference API and prints its URL.

use clap::Parser;
use guided_checklist_server::{Config, Server};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    match run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guided-checklist-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), String> {
    let server = Server::new(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("guided-checklist API listening on http://{addr}");
    println!("database: {}", config.db.display());
    if let Some(token) = &server.dev_token {
        println!("development admin token (none was configured): {token}");
    }
    if config.test_controls {
        println!("test controls are ON under /__test");
    }
    server.serve(listener, shutdown_signal()).await.map_err(|e| e.to_string())?;
    println!("stopped");
    Ok(())
}

/// SIGTERM or Ctrl-C. If SIGTERM cannot be watched, Ctrl-C still works; if neither can,
/// the server says so and runs until it is killed.
async fn shutdown_signal() {
    #[cfg(unix)]
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
        Err(e) => eprintln!("guided-checklist-server: cannot watch SIGTERM ({e}); Ctrl-C still stops the server"),
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("guided-checklist-server: cannot watch Ctrl-C ({e}); stop the server by killing it");
        std::future::pending::<()>().await;
    }
}
