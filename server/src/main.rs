//! `server`: serves the web app and /api/v1. `server --help` lists the configuration.

use clap::Parser;
use server::config::Config;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    return_large_blocks_to_the_system();
    let mut cfg = Config::parse();
    let addr = match cfg.validate() {
        Ok(addr) => addr,
        Err(msg) => return fail(&msg),
    };
    server::telemetry::init(&cfg.log_format);
    if cfg.command == Some(server::config::Command::AuditVerify) {
        return audit_verify(&cfg).await;
    }
    if cfg.command == Some(server::config::Command::CharityReconcile) {
        return charity_reconcile(cfg).await;
    }
    if cfg.command == Some(server::config::Command::Rekey) {
        return rekey(&cfg).await;
    }
    if let Some(server::config::Command::StaffInvite { .. }) = cfg.command {
        return staff_invite(cfg).await;
    }
    let (db, seeded) = match server::prepare_database(&cfg).await {
        Ok(ok) => ok,
        Err(msg) => return fail(&msg),
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            return fail(&format!(
                "cannot listen on {addr}: {e} (set ADDR=host:port)"
            ));
        }
    };
    let local = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| addr.to_string());
    println!("Dongxihu self-service is running at http://{local}/");
    println!("  kiosk mode: http://{local}/kiosk   API: http://{local}/api/docs");
    if seeded.street_offices > 0 {
        println!("  seeded {} street offices", seeded.street_offices);
    }
    if seeded.staff.is_empty() {
        println!("  demo staff sign-ins: none created (they exist already, or production mode)");
    } else {
        println!(
            "  demo staff sign-ins (development only; add the TOTP secret to an authenticator app):"
        );
        for line in &seeded.staff {
            println!("    {line}");
        }
    }
    if cfg.development() {
        println!("  DEVELOPMENT MODE: sandbox payments, demo data and the development secret");
    }
    if cfg.sms_sender() == server::config::SmsSender::Outbox {
        println!(
            "  residents sign in with any mobile number; codes appear at http://{local}/dev/outbox"
        );
    }
    if cfg.payment_notify_url.is_none() {
        // The sandbox gateway notifies this very server.
        let here = local
            .replace("0.0.0.0", "127.0.0.1")
            .replace("[::]", "[::1]");
        cfg.payment_notify_url = Some(format!("http://{here}/api/v1/payments/notify"));
    }
    let app = server::build_router(cfg, db);
    if let Err(e) = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    {
        return fail(&format!("server stopped: {e}"));
    }
    tracing::info!("shut down cleanly");
    ExitCode::SUCCESS
}

async fn audit_verify(cfg: &Config) -> ExitCode {
    let db = match server::store::Db::connect(&cfg.database_url, 2).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    if let Err(e) = db.migrate().await {
        return fail(&e.to_string());
    }
    // The head's keyed seal is checked too (F19).
    if let Err(e) = server::open_record_secret(cfg, &db).await {
        return fail(&e);
    }
    match server::audit::store::verify(&db).await {
        Ok(v) => match v.first_broken {
            None => {
                println!("audit log intact: {} entries", v.entries);
                ExitCode::SUCCESS
            }
            Some(id) => {
                println!(
                    "audit log BROKEN at entry {id} (after {} intact entries)",
                    v.entries
                );
                ExitCode::FAILURE
            }
        },
        Err(e) => fail(&e.to_string()),
    }
}

async fn rekey(cfg: &Config) -> ExitCode {
    let db = match server::store::Db::connect(&cfg.database_url, 2).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    if let Err(e) = db.migrate().await {
        return fail(&e.to_string());
    }
    match server::rekey(cfg, &db).await {
        Ok(()) => {
            println!(
                "record secret re-sealed under the current APP_SECRET; APP_SECRET_PREVIOUS may now be removed"
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

async fn staff_invite(cfg: Config) -> ExitCode {
    let Some(server::config::Command::StaffInvite {
        username,
        display_name,
        role,
        street,
    }) = cfg.command.clone()
    else {
        return fail("not a staff-invite command");
    };
    let db = match server::prepare_database(&cfg).await {
        Ok((db, _)) => db,
        Err(msg) => return fail(&msg),
    };
    let state = server::state::AppState::new(cfg, db);
    let new = server::staff::admin::NewMember {
        username,
        display_name,
        role,
        street_code: street,
    };
    let now = server::clock::now();
    match server::staff::admin::create_from_console(&state, &new, now).await {
        Ok(invite) => {
            println!(
                "staff account {} created; enrolment code {} (works once, until {} Beijing time)",
                invite.username, invite.code, invite.expires
            );
            println!(
                "  the member opens /staff/enrol, enters it and sets their own password and authenticator"
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.to_string()),
    }
}

async fn charity_reconcile(cfg: Config) -> ExitCode {
    let db = match server::store::Db::connect(&cfg.database_url, 2).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    if let Err(e) = db.migrate().await {
        return fail(&e.to_string());
    }
    if let Err(e) = server::open_record_secret(&cfg, &db).await {
        return fail(&e);
    }
    let state = server::state::AppState::new(cfg, db);
    let now = server::clock::now();
    match server::charity::ledger::reconcile(&state, now).await {
        Ok(r) if r.ok => {
            println!(
                "charity ledger reconciles: {} entries, {} projects, {} paid orders, head {}",
                r.entries, r.projects, r.paid_orders, r.head
            );
            ExitCode::SUCCESS
        }
        Ok(r) => {
            println!("charity ledger does NOT reconcile ({} entries):", r.entries);
            for (_, en) in &r.problems {
                println!("  - {en}");
            }
            ExitCode::FAILURE
        }
        Err(e) => fail(&e.to_string()),
    }
}

/// Every password hash (argon2id) works in a 19 MiB block. glibc's malloc raises its threshold
/// for serving a block by `mmap` to the size of the largest one freed, so after the first hash
/// these blocks come from the heap of the worker thread's arena and stay there once freed: one
/// 19 MiB block kept per arena that ever hashed (measured: 97 MB idle after seeding four staff
/// passwords, against 21 MB without). A fixed threshold of 1 MiB keeps large blocks in `mmap`,
/// returned to the system when freed; small allocations are unaffected.
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a malloc tunable, under malloc's own lock; no memory is touched.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
