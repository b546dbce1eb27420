//! The accept loop on hyper: HTTP/1.1 with keep-alive, bounded header buffers and header read time (a slow client
//! cannot hold a connection open by trickling headers), at most `MAX_CONNECTIONS` open connections, and a
//! graceful stop: on the shutdown signal no new connection is taken, the requests in flight finish, then it
//! returns.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Open connections at most; further clients wait in the listen backlog.
const MAX_CONNECTIONS: usize = 1024;
/// The most bytes of request line and headers read before a request is refused (431).
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// How long a client may take to send its headers.
const HEADER_TIME: Duration = Duration::from_secs(10);
/// How long the requests in flight may take to finish after the shutdown signal.
const DRAIN_TIME: Duration = Duration::from_secs(30);

/// Serves `router` on `listener` until `shutdown` completes, then drains the requests in flight.
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIME).max_buf_size(MAX_HEADER_BYTES).keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let Ok(permit) = permits.clone().acquire_owned().await else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let Ok((stream, _peer)) = accepted else {
            // Out of descriptors or a reset before accept: wait a moment rather than spin.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    let _ = tokio::time::timeout(DRAIN_TIME, graceful.shutdown()).await;
}

/// Completes on Ctrl-C or SIGTERM, or (`stdin_eof`) when standard input reaches its end: a supervisor or test
/// harness that holds the server's standard input stops it by going away, even when it cannot send a signal.
pub async fn signal(stdin_eof: bool) {
    let eof = async {
        let closed = match stdin_eof.then(stdin_closed) {
            Some(closed) => closed.await.is_ok(),
            None => false,
        };
        if !closed {
            // Not asked for, or the watcher could not start: only a signal stops the server.
            std::future::pending::<()>().await
        }
    };
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
        () = eof => {},
    }
}

/// Completes when standard input reaches its end (or cannot be read). The read blocks, so it runs on a thread of
/// its own that nothing waits for: tokio's own stdin reads on the runtime's blocking pool, and a runtime does not
/// shut down while a read there is still waiting, so a server stopped by SIGTERM would never exit.
fn stdin_closed() -> tokio::sync::oneshot::Receiver<()> {
    let (closed, receiver) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new().name("tkb-stdin".into()).spawn(move || {
        use std::io::Read;
        let mut stdin = std::io::stdin().lock();
        let mut buffer = [0u8; 256];
        while matches!(stdin.read(&mut buffer), Ok(n) if n > 0) {}
        let _ = closed.send(());
    });
    if let Err(e) = spawned {
        super::log::line(&format!("cannot watch standard input: {e}"));
    }
    receiver
}
