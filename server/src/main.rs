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

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
