//! Process hardening at start: no core dumps (a dump would hold the data key), not dumpable by
//! ptrace from other users' processes, and memory locked where the system allows it.

/// Applies what it can and logs what it could not; none of it is fatal, except on request.
pub fn harden_process() {
    use nix::sys::resource::{setrlimit, Resource};
    if let Err(e) = setrlimit(Resource::RLIMIT_CORE, 0, 0) {
        tracing::warn!(error = %e, "could not disable core dumps");
    }
    if let Err(e) = nix::sys::prctl::set_dumpable(false) {
        tracing::warn!(error = %e, "could not mark the process non-dumpable");
    }
    // Locking future allocations under a finite RLIMIT_MEMLOCK would make later allocations
    // fail once the limit is reached, so lock only when the limit is unlimited (the systemd unit
    // sets LimitMEMLOCK=infinity).
    use nix::sys::mman::{mlockall, MlockAllFlags};
    use nix::sys::resource::{getrlimit, RLIM_INFINITY};
    match getrlimit(Resource::RLIMIT_MEMLOCK) {
        Ok((soft, _)) if soft == RLIM_INFINITY => {
            if let Err(e) = mlockall(MlockAllFlags::MCL_CURRENT | MlockAllFlags::MCL_FUTURE) {
                tracing::info!(error = %e, "memory not locked (mlockall failed)");
            }
        }
        _ => tracing::info!(
            "memory not locked: RLIMIT_MEMLOCK is finite (set LimitMEMLOCK=infinity)"
        ),
    }
}
