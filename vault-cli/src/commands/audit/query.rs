//! The online reads: `audit log` (pages of entries matching a filter), `tail`, and the rows
//! both print.

use super::Filter;
use crate::context::Context;
use crate::error::Result;
use crate::messages::head;
use vaultd::tlog::entry::AuditEntry;
use vaultd::wire::pb;
use vaultd::wire::pb::audit_client::AuditClient;

/// One entry as a table row: its time to the second in the reader's zone; action, outcome and
/// reason in the reader's language (codes and UTC in `--json`, and in `--action` filters).
pub(super) fn entry_row(ctx: &Context, e: &AuditEntry) -> Vec<String> {
    let lang = ctx.lang;
    vec![
        e.seq.to_string(),
        vaultd::times::unix(&e.time).map_or_else(|| e.time.clone(), |t| ctx.zone.second(t)),
        e.principal.clone(),
        vaultd::i18n::action_label(lang, &e.action).into_owned(),
        e.target.clone(),
        vaultd::i18n::outcome_label(lang, e.outcome.as_str()),
        e.reason
            .as_deref()
            .map(|r| vaultd::i18n::reason_label(lang, r))
            .unwrap_or_default(),
        e.grant.clone().unwrap_or_default(),
    ]
}

pub(super) fn entry_headings(ctx: &Context) -> [&'static str; 8] {
    [
        head::SEQ,
        head::TIME,
        head::PRINCIPAL,
        head::ACTION,
        head::TARGET,
        head::OUTCOME,
        head::REASON,
        head::GRANT,
    ]
    .map(|h| h.text(ctx.lang))
}

/// The entries matching `query`, at most `most` of them, and whether more match.
pub(super) async fn query_up_to(
    client: &mut AuditClient<tonic::transport::Channel>,
    mut query: pb::AuditQuery,
    most: Option<u64>,
) -> Result<(Vec<AuditEntry>, bool)> {
    let mut out = Vec::new();
    loop {
        if let Some(most) = most {
            let left = most.saturating_sub(out.len() as u64);
            if left == 0 {
                // One entry more, to say whether the page is the last one.
                query.limit = 1;
                let page = client.query(query).await?.into_inner();
                return Ok((out, !page.entries.is_empty()));
            }
            query.limit = left.min(u32::MAX as u64) as u32;
        }
        let page = client.query(query.clone()).await?.into_inner();
        out.extend(page.entries.iter().filter_map(|b| AuditEntry::parse(b)));
        if page.entries.is_empty() || page.next_seq >= page.log_size {
            return Ok((out, false));
        }
        query.from_seq = page.next_seq;
    }
}

/// The vault's query for `filter`: times sent in RFC 3339 UTC, a bare date read as its midnight
/// in the reader's zone.
pub(super) fn query_of(ctx: &Context, filter: Filter) -> Result<pb::AuditQuery> {
    let time = |t: Option<vaultd::times::TimeArg>| -> Result<String> {
        Ok(t.map(|t| ctx.time_arg(t))
            .transpose()?
            .map(vaultd::times::format_time)
            .unwrap_or_default())
    };
    Ok(pb::AuditQuery {
        since: time(filter.since)?,
        until: time(filter.until)?,
        principal: filter.principal.unwrap_or_default(),
        account: filter.account.unwrap_or_default(),
        action: filter.action.unwrap_or_default(),
        outcome: filter.outcome.unwrap_or_default(),
        from_seq: 0,
        limit: 0,
    })
}
