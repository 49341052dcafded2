//! `charterpass serve`: one process for the app's files and the API.

use std::io::Write;

use axum::Router;

use crate::config::ServeArgs;
use crate::db::Db;
use crate::state::AppState;

/// Opens the database, seeds the demo if asked, and serves until interrupted.
pub fn run(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let db = Db::open(&args.data.data_dir)?;
    if args.demo {
        crate::demo::seed_if_empty(&db)?;
    }
    let keys = std::sync::Arc::new(crate::keys::KeyStore::open(&args.data.data_dir)?);
    let go_live = args.go_live.unwrap_or_default();
    let ops = std::sync::Arc::new(crate::ops::Ops::new(&args.ops));
    let state = AppState {
        db,
        keys,
        go_live,
        ops,
    };
    let app = Router::new()
        .nest("/api/v1", crate::api::router())
        .with_state(state)
        .fallback_service(crate::web::app_files(&args.dist))
        .layer(axum::middleware::from_fn(crate::headers::add));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        let addr = listener.local_addr()?;
        // Tests and scripts read this line to find the port.
        println!("charterpass listening on http://{addr}");
        std::io::stdout().flush()?;
        // The peer's address reaches handlers (the throttle's client, crate::proxy).
        let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
