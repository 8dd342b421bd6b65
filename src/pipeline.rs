//! Work done in order on every core: a producer makes jobs one after another, workers (one per
//! core) turn each into a result in any order, and a consumer takes the results in the order
//! the jobs were made. Verifying an export (read lines, hash them, extend the tree) and writing
//! a long report (render pieces, write them) are both this shape.
//!
//! A fixed set of tickets bounds the jobs in flight, so memory stays flat whichever stage is
//! the slowest: the producer needs a free ticket for each job, and the consumer frees one with
//! each result it takes. A ticket is a value handed back by the consumer, so it can carry the
//! buffers a job is made in, reused from job to job (no allocation, and no page faults, per
//! job).
//!
//! One end stays on the caller's thread, for what cannot leave it: a reader holding a database
//! connection ([`run_producing_here`]), or a writer holding stdout's lock
//! ([`run_consuming_here`]); the other end gets a thread of its own. The first error the
//! consumer returns stops every stage. With one worker, all runs in turn on the caller's thread.
//!
//! The bottom layer: no other module of the crate.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{mpsc, Arc, Mutex};

/// What the producer makes of a free ticket: a job with more to come (`Continue`), the last
/// job (`Break(Some(job))`), or nothing more (`Break(None)`).
pub type Next<J> = ControlFlow<Option<J>, J>;

/// Runs the pipeline with the producer on this thread and the consumer on a thread of its own.
pub fn run_producing_here<T, J, R, E>(
    workers: usize,
    tickets: Vec<T>,
    produce: impl FnMut(T) -> Next<J>,
    work: impl Fn(J) -> R + Sync,
    consume: impl FnMut(R) -> Result<T, E> + Send,
) -> Result<(), E>
where
    T: Send,
    J: Send,
    R: Send,
    E: Send,
{
    if workers <= 1 {
        return in_turn(tickets, produce, work, consume);
    }
    std::thread::scope(|scope| {
        let ends = start_workers(scope, workers, tickets, &work);
        let (tickets_tx, done_rx) = (ends.tickets_tx, ends.done_rx);
        let consumer = scope.spawn(move || consume_in_order(done_rx, tickets_tx, consume));
        produce_all(ends.tickets_rx, ends.jobs_tx, produce);
        consumer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Runs the pipeline with the consumer on this thread and the producer on a thread of its own.
pub fn run_consuming_here<T, J, R, E>(
    workers: usize,
    tickets: Vec<T>,
    produce: impl FnMut(T) -> Next<J> + Send,
    work: impl Fn(J) -> R + Sync,
    consume: impl FnMut(R) -> Result<T, E>,
) -> Result<(), E>
where
    T: Send,
    J: Send,
    R: Send,
{
    if workers <= 1 {
        return in_turn(tickets, produce, work, consume);
    }
    std::thread::scope(|scope| {
        let ends = start_workers(scope, workers, tickets, &work);
        let (tickets_rx, jobs_tx) = (ends.tickets_rx, ends.jobs_tx);
        scope.spawn(move || produce_all(tickets_rx, jobs_tx, produce));
        // Returning drops the ticket sender and the results' receiver: the producer, waiting
        // for a ticket, and the workers, sending a result, stop.
        consume_in_order(ends.done_rx, ends.tickets_tx, consume)
    })
}

/// The producer's and the consumer's ends of the channels to and from the workers.
struct Ends<T, J, R> {
    tickets_tx: mpsc::SyncSender<T>,
    tickets_rx: mpsc::Receiver<T>,
    jobs_tx: mpsc::SyncSender<(u64, J)>,
    done_rx: mpsc::Receiver<(u64, R)>,
}

/// Starts the workers in `scope`, and puts the tickets in their channel.
fn start_workers<'scope, T, J: Send + 'scope, R: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    workers: usize,
    tickets: Vec<T>,
    work: &'scope (impl Fn(J) -> R + Sync),
) -> Ends<T, J, R> {
    let in_flight = tickets.len();
    let (tickets_tx, tickets_rx) = mpsc::sync_channel(in_flight);
    for ticket in tickets {
        let _ = tickets_tx.send(ticket);
    }
    // Never full: a job holds a ticket.
    let (jobs_tx, jobs_rx) = mpsc::sync_channel(in_flight);
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    let (done_tx, done_rx) = mpsc::channel();
    for _ in 0..workers {
        let (jobs, done) = (jobs_rx.clone(), done_tx.clone());
        scope.spawn(move || loop {
            let job = jobs.lock().ok().and_then(|rx| rx.recv().ok());
            let Some((index, job)) = job else {
                return;
            };
            if done.send((index, work(job))).is_err() {
                return;
            }
        });
    }
    Ends {
        tickets_tx,
        tickets_rx,
        jobs_tx,
        done_rx,
    }
}

/// Makes jobs, each once a ticket is free, until the producer is done or the consumer stopped
/// (no ticket will come back). Dropping the job sender then lets the workers finish.
fn produce_all<T, J>(
    tickets: mpsc::Receiver<T>,
    jobs: mpsc::SyncSender<(u64, J)>,
    mut produce: impl FnMut(T) -> Next<J>,
) {
    let mut index = 0;
    while let Ok(ticket) = tickets.recv() {
        let (job, last) = match produce(ticket) {
            ControlFlow::Continue(job) => (job, false),
            ControlFlow::Break(Some(job)) => (job, true),
            ControlFlow::Break(None) => return,
        };
        if jobs.send((index, job)).is_err() {
            return;
        }
        index += 1;
        if last {
            return;
        }
    }
}

/// Takes the results in the order of their jobs (they come back in any order); each one taken
/// frees a ticket. Ends when the workers are done, or at the consumer's first error.
fn consume_in_order<T, R, E>(
    done: mpsc::Receiver<(u64, R)>,
    tickets: mpsc::SyncSender<T>,
    mut consume: impl FnMut(R) -> Result<T, E>,
) -> Result<(), E> {
    let mut pending = BTreeMap::new();
    let mut next = 0;
    for (index, result) in done {
        pending.insert(index, result);
        while let Some(result) = pending.remove(&next) {
            next += 1;
            let _ = tickets.send(consume(result)?);
        }
    }
    Ok(())
}

/// One job at a time, each made, worked and consumed before the next.
fn in_turn<T, J, R, E>(
    mut tickets: Vec<T>,
    mut produce: impl FnMut(T) -> Next<J>,
    work: impl Fn(J) -> R,
    mut consume: impl FnMut(R) -> Result<T, E>,
) -> Result<(), E> {
    while let Some(ticket) = tickets.pop() {
        let (job, last) = match produce(ticket) {
            ControlFlow::Continue(job) => (job, false),
            ControlFlow::Break(Some(job)) => (job, true),
            ControlFlow::Break(None) => break,
        };
        tickets.push(consume(work(job))?);
        if last {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Jobs 0..count, each a number, its ticket a buffer reused from job to job.
    fn numbers(count: u64) -> impl FnMut(Vec<u64>) -> Next<(u64, Vec<u64>)> + Send {
        let mut next = 0;
        move |buffer| {
            let job = (next, buffer);
            next += 1;
            match next {
                n if n > count => ControlFlow::Break(None),
                n if n == count => ControlFlow::Break(Some(job)),
                _ => ControlFlow::Continue(job),
            }
        }
    }

    /// Uneven work, so that results come back out of order.
    fn square((n, mut buffer): (u64, Vec<u64>)) -> (u64, Vec<u64>) {
        for _ in 0..(n * 7919) % 13 * 1000 {
            std::hint::black_box(n);
        }
        buffer.clear();
        buffer.push(n * n);
        (n, buffer)
    }

    #[test]
    fn results_are_consumed_in_order_on_either_thread_with_any_number_of_workers() {
        for workers in [1, 2, 5] {
            for count in [0, 1, 7, 500] {
                let expected: Vec<u64> = (0..count).map(|n| n * n).collect();
                let tickets = vec![Vec::new(); 3];
                let mut seen = Vec::new();
                let consume = |(_, buffer): (u64, Vec<u64>)| {
                    seen.extend_from_slice(&buffer);
                    Ok::<_, ()>(buffer)
                };
                run_producing_here(workers, tickets.clone(), numbers(count), square, consume)
                    .unwrap();
                assert_eq!(seen, expected, "{workers} workers, {count} jobs");

                let mut seen = Vec::new();
                let consume = |(_, buffer): (u64, Vec<u64>)| {
                    seen.extend_from_slice(&buffer);
                    Ok::<_, ()>(buffer)
                };
                run_consuming_here(workers, tickets, numbers(count), square, consume).unwrap();
                assert_eq!(seen, expected, "{workers} workers, {count} jobs");
            }
        }
    }

    #[test]
    fn the_tickets_bound_the_jobs_in_flight_and_the_first_error_stops_every_stage() {
        use std::sync::atomic::{AtomicU64, Ordering};
        let made = AtomicU64::new(0);
        let mut next = 0;
        let produce = |ticket: ()| {
            made.fetch_add(1, Ordering::Relaxed);
            next += 1;
            ControlFlow::Continue((next - 1, ticket))
        };
        // Endless jobs: only the consumer's error ends the run, and no more than the tickets
        // were ever made ahead of it.
        let consume = |(n, ticket): (u64, ())| {
            if n == 1000 {
                return Err(format!("stopped at {n}"));
            }
            assert!(made.load(Ordering::Relaxed) <= n + 4);
            Ok(ticket)
        };
        let err = run_producing_here(3, vec![(); 4], produce, |job| job, consume).unwrap_err();
        assert_eq!(err, "stopped at 1000");

        let mut next = 0;
        let produce = move |ticket: ()| {
            next += 1;
            ControlFlow::Continue((next - 1, ticket))
        };
        let consume = |(n, ticket): (u64, ())| if n == 20 { Err(n) } else { Ok(ticket) };
        assert_eq!(
            run_consuming_here(3, vec![(); 4], produce, |job| job, consume),
            Err(20)
        );
    }
}
