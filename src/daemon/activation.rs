//! Socket activation: systemd opens the listening socket (deploy/vaultd.socket) and passes it
//! to the service, which can then run in a network namespace of its own (`PrivateNetwork=yes`)
//! and never binds anything itself.

/// The listening socket systemd passed to this process (`LISTEN_PID`/`LISTEN_FDS`), if any.
pub fn systemd_listener() -> std::io::Result<Option<tokio::net::TcpListener>> {
    let mut passed = listenfd::ListenFd::from_env();
    if passed.len() == 0 {
        return Ok(None);
    }
    let Some(listener) = passed.take_tcp_listener(0)? else {
        return Ok(None);
    };
    listener.set_nonblocking(true)?;
    Ok(Some(tokio::net::TcpListener::from_std(listener)?))
}
