use anyhow::Context;
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    ingest_worker::init_tracing();
    let cli = api::cli::Cli::parse();
    match cli.command {
        None | Some(api::cli::Command::Serve) => serve().await,
        Some(command) => api::cli::run(command).await,
    }
}

async fn serve() -> anyhow::Result<()> {
    ingest_worker::install_lexicon()?;
    let state = api::AppState::from_env().await?;
    tokio::spawn(api::outbox::run(state.clone()));
    tokio::spawn(api::mail::run(state.clone()));
    tokio::spawn(api::auth::purge_sessions(state.clone()));
    let addr = state.config.addr.clone();
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let local = listener.local_addr()?;
    tracing::info!(addr = %local, "API listening");
    // With API_ADDR=127.0.0.1:0, tell the caller which port was chosen.
    if let Ok(path) = std::env::var("API_ADDR_FILE") {
        std::fs::write(&path, local.to_string()).with_context(|| format!("writing {path}"))?;
    }
    // The peer address counts failed logins per client (see api::auth::ClientAddr).
    let app = api::auth::harden(api::app(state.clone()), state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
