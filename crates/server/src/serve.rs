//! `charterpass serve`: one process for the app's files and the API.

use std::io::Write;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;

use crate::config::ServeArgs;
use crate::db::Db;
use crate::state::AppState;

/// Opens the database, seeds the demo if asked, and serves until SIGTERM or SIGINT; then it
/// finishes the requests in flight and closes the database (its write-ahead log folded in).
pub fn run(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let (data_dir, province) = (&args.data.data_dir, &args.data.province);
    let db = Db::open(data_dir)?;
    let keys = Arc::new(crate::keys::KeyStore::open(data_dir, province)?);
    if args.demo {
        crate::trust::demo::prepare(data_dir, province)?;
        crate::demo::seed_if_empty(&db, province)?;
    }
    let list_signer = crate::trust::signer::ListSigner::load(data_dir, province)?.map(Arc::new);
    let root = list_signer.as_ref().map(|s| s.root());
    match &root {
        Some(root) => println!("province {province}, root fingerprint (SHA-256) {root}"),
        None => eprintln!("charterpass: {}", crate::trust::TrustError::NotCertified),
    }
    let go_live = args.go_live.unwrap_or_default();
    let ops = Arc::new(crate::ops::Ops::new(&args.ops));
    let state = AppState {
        db: db.clone(),
        keys,
        go_live,
        list_signer,
        served_list: Arc::default(),
        ops,
    };
    let page = crate::web::PageFacts {
        province: province.clone(),
        root,
    };
    let app = Router::new()
        .nest("/api/v1", crate::api::router())
        .route("/metrics", get(crate::metrics::serve))
        .with_state(state.clone())
        .fallback_service(crate::web::app_files(&args.dist, page))
        .layer(axum::middleware::from_fn(crate::headers::add))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::metrics::observe,
        ));

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
            .with_graceful_shutdown(stop_signal())
            .await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    })?;
    // Every request has been answered and the runtime is gone: no one else holds the database.
    db.with(|conn| conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))?;
    drop(db);
    println!("charterpass stopped");
    std::io::stdout().flush()?;
    Ok(())
}

/// Resolves on SIGTERM (service managers, containers) or SIGINT (Ctrl-C).
async fn stop_signal() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(term) => term,
        Err(err) => {
            eprintln!("charterpass: cannot watch SIGTERM: {err}");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!("charterpass: stopping, finishing requests in flight");
}
