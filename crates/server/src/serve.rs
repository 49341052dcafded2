//! `charterpass serve`: one process for the app's files and the API.

use std::io::Write;
use std::sync::Arc;

use axum::Router;

use crate::config::ServeArgs;
use crate::db::Db;
use crate::state::AppState;

/// Opens the database, seeds the demo if asked, and serves until interrupted.
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
    let state = AppState {
        db,
        keys,
        go_live,
        list_signer,
    };
    let page = crate::web::PageFacts {
        province: province.clone(),
        root,
    };
    let app = Router::new()
        .nest("/api/v1", crate::api::router())
        .with_state(state)
        .fallback_service(crate::web::app_files(&args.dist, page));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        let addr = listener.local_addr()?;
        // Tests and scripts read this line to find the port.
        println!("charterpass listening on http://{addr}");
        std::io::stdout().flush()?;
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
