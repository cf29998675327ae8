#include <vtrguard/alerts/decide.hpp>
#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/explain.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace vtrguard::alerts {

namespace {

// Orders read per round trip: enough to amortize the query, small enough that a million due
// orders never sit in memory at once.
constexpr std::size_t k_chunk_size = 4096;

struct Checked {
    TrackingCheck tracking;
    std::string key; // normalized number; empty when the order has none
    std::vector<std::string> duplicate_of;
};

store::AlertWrite::Kind write_kind(EventKind kind) {
    switch (kind) {
    case EventKind::raised:
        return store::AlertWrite::Kind::raise;
    case EventKind::escalated:
        return store::AlertWrite::Kind::escalate;
    case EventKind::resolved:
        return store::AlertWrite::Kind::resolve;
    }
    return store::AlertWrite::Kind::raise;
}

Checked check_tracking(const store::Order& order, const carriers::Validator& validator) {
    Checked checked;
    if (order.tracking_number.empty()) {
        return checked;
    }
    const auto& rules = validator.rules();
    // An unknown declared carrier ("Other", a local courier) cannot be checked against; the
    // number is then judged on its own.
    const auto declared = order.carrier.empty() ? std::nullopt : rules.find_carrier(order.carrier);
    const auto verdict = validator.validate(order.tracking_number, declared);
    checked.tracking.reason = verdict.reason;
    if (!verdict.is_valid()) {
        checked.tracking.explanation = carriers::explain(verdict, rules);
    }
    checked.key = verdict.normalized.text();
    if (checked.key.empty()) {
        // Only separators: as good as no number, but still not a valid one.
        checked.tracking.reason = carriers::Reason::empty;
    }
    return checked;
}

// One batch of due orders: checks, duplicate lookups, decisions and writes.
class ChunkSweep {
public:
    ChunkSweep(store::Store& store,
               const carriers::Validator& validator,
               const config::LeadTimes& lead,
               std::chrono::seconds no_scan_after,
               core::TimePoint now)
        : m_store(store)
        , m_validator(validator)
        , m_lead(lead)
        , m_no_scan_after(no_scan_after)
        , m_now(now) {}

    Result<bool> run(std::vector<store::DueOrder>& due, SweepResult& result);

private:
    Result<bool> find_duplicates(std::vector<store::DueOrder>& due);

    store::Store& m_store;
    const carriers::Validator& m_validator;
    const config::LeadTimes& m_lead;
    std::chrono::seconds m_no_scan_after;
    core::TimePoint m_now;
    std::vector<Checked> m_checked;
    std::vector<std::int64_t> m_to_mark;
};

Result<bool> ChunkSweep::find_duplicates(std::vector<store::DueOrder>& due) {
    // The stored keys of this chunk's orders may be stale; the fresh ones are in m_checked.
    std::unordered_map<std::string_view, std::vector<std::size_t>> chunk_keys;
    std::unordered_set<std::int64_t> chunk_rows;
    for (std::size_t i = 0; i < due.size(); ++i) {
        chunk_rows.insert(due[i].row_id);
        if (!m_checked[i].key.empty()) {
            chunk_keys[m_checked[i].key].push_back(i);
        }
    }
    for (std::size_t i = 0; i < due.size(); ++i) {
        auto& checked = m_checked[i];
        const bool is_key_changed = checked.key != due[i].tracking_key;
        if (is_key_changed && !due[i].tracking_key.empty()) {
            // Orders that shared the old number may have lost their duplicate.
            auto old_holders = m_store.holders_of_key(due[i].tracking_key, due[i].row_id);
            if (!old_holders) {
                return tl::unexpected(old_holders.error());
            }
            for (const auto& holder : *old_holders) {
                if (!chunk_rows.contains(holder.row_id)) {
                    m_to_mark.push_back(holder.row_id);
                }
            }
        }
        if (checked.key.empty()) {
            continue;
        }
        auto holders = m_store.holders_of_key(checked.key, due[i].row_id);
        if (!holders) {
            return tl::unexpected(holders.error());
        }
        for (const auto& holder : *holders) {
            if (chunk_rows.contains(holder.row_id)) {
                continue;
            }
            if (holder.status != store::OrderStatus::cancelled) {
                checked.duplicate_of.push_back(holder.order_id);
            }
            if (is_key_changed) {
                m_to_mark.push_back(holder.row_id);
            }
        }
        for (const auto other : chunk_keys[checked.key]) {
            if (other != i && due[other].order.status != store::OrderStatus::cancelled) {
                checked.duplicate_of.push_back(due[other].order.order_id);
            }
        }
        std::sort(checked.duplicate_of.begin(), checked.duplicate_of.end());
    }
    return true;
}

Result<bool> ChunkSweep::run(std::vector<store::DueOrder>& due, SweepResult& result) {
    m_checked.clear();
    m_to_mark.clear();
    for (const auto& order : due) {
        m_checked.push_back(check_tracking(order.order, m_validator));
    }
    auto found = find_duplicates(due);
    if (!found) {
        return found;
    }
    std::vector<store::SweepWrite> writes;
    writes.reserve(due.size());
    std::vector<AlertEvent> events;
    for (std::size_t i = 0; i < due.size(); ++i) {
        const auto& checked = m_checked[i];
        // A lookup of a number the order no longer carries says nothing about it.
        const auto& lookup = due[i].lookup;
        const bool is_lookup_current = lookup && lookup->number == checked.key;
        const OrderFacts facts{&due[i].order,
                               checked.tracking,
                               checked.duplicate_of,
                               due[i].open_alerts,
                               is_lookup_current ? &*lookup : nullptr,
                               m_no_scan_after};
        auto decision = decide(facts, m_now, m_lead);
        std::move(decision.events.begin(), decision.events.end(), std::back_inserter(events));
        // Strictly after now, so the order leaves the due set and the loop ends.
        const auto next_due = decision.next_due
                                  ? std::max(decision.next_due->time_since_epoch().count(),
                                             m_now.time_since_epoch().count() + 1)
                                  : store::k_never_due;
        const auto verdict = checked.key.empty() ? std::string_view{}
                                                 : carriers::reason_name(checked.tracking.reason);
        const bool is_tracking_changed =
            checked.key != due[i].tracking_key || verdict != due[i].tracking_verdict;
        writes.push_back({due[i].row_id, next_due, checked.key, verdict, is_tracking_changed});
    }
    std::vector<store::AlertWrite> alert_writes;
    alert_writes.reserve(events.size());
    for (const auto& event : events) {
        alert_writes.push_back(
            {write_kind(event.kind), event.order_id, event.condition, event.level, event.detail});
    }
    for (auto step : {m_store.write_sweep(writes, m_now),
                      m_store.write_alerts(alert_writes, m_now),
                      m_store.mark_due(m_to_mark)}) {
        if (!step) {
            return step;
        }
    }
    result.orders_checked += due.size();
    std::move(events.begin(), events.end(), std::back_inserter(result.events));
    return true;
}

} // namespace

Sweeper::Sweeper(store::Store& store,
                 const config::Config& config,
                 const carriers::Validator& validator)
    : m_store(&store)
    , m_lead(config.lead_times)
    , m_no_scan_after(config.no_scan_after)
    , m_validator(&validator) {}

Result<SweepResult> Sweeper::sweep(core::TimePoint now) {
    auto transaction = store::Transaction::begin(*m_store);
    if (!transaction) {
        return tl::unexpected(transaction.error());
    }
    SweepResult result;
    ChunkSweep chunk(*m_store, *m_validator, m_lead, m_no_scan_after, now);
    while (true) {
        auto due = m_store->load_due(now, k_chunk_size);
        if (!due) {
            return tl::unexpected(due.error());
        }
        if (due->empty()) {
            break;
        }
        auto swept = chunk.run(*due, result);
        if (!swept) {
            return tl::unexpected(swept.error());
        }
    }
    auto committed = transaction->commit();
    if (!committed) {
        return tl::unexpected(committed.error());
    }
    auto next_due = m_store->earliest_due();
    if (!next_due) {
        return tl::unexpected(next_due.error());
    }
    result.next_due = *next_due;
    return result;
}

Result<bool> Sweeper::reconfigure(const config::Config& config) {
    const auto& lead = config.lead_times;
    if (lead.warn == m_lead.warn && lead.error == m_lead.error && lead.critical == m_lead.critical
        && config.no_scan_after == m_no_scan_after) {
        return true;
    }
    m_lead = lead;
    m_no_scan_after = config.no_scan_after;
    return m_store->mark_open_due();
}

} // namespace vtrguard::alerts
