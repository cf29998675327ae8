#include "first_names.hpp"

#include <vtrguard/alerts/carrier_conditions.hpp>
#include <vtrguard/alerts/decide.hpp>
#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/explain.hpp>
#include <vtrguard/carriers/normalize.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace vtrguard::alerts {

namespace {

// Orders read per round trip: enough to amortize the query, small enough that a million due
// orders never sit in memory at once.
constexpr std::size_t k_chunk_size = 4096;

// From this many queued orders on, one walk of the plain-key index (a fraction of a second
// for a million orders) beats one duplicate probe per order.
constexpr std::int64_t k_bulk_queue = 32768;

// Other orders a duplicate_tracking alert names; the rest are counted.
constexpr std::size_t k_duplicate_examples = 3;

struct Checked {
    TrackingCheck tracking;
    carriers::Normalized normalized;       // in place: a million-order sweep allocates no key
    bool is_plain = true;                  // the normalized number is the raw one's plain key
    std::vector<std::string> duplicate_of; // the first few other orders with the number
    std::size_t duplicate_count = 0;       // all of them

    std::string_view key() const { return normalized.text(); } // empty when none
};

// Sets of keys looked up by string_view without building a string.
struct KeyHash {
    using is_transparent = void;

    std::size_t operator()(std::string_view key) const {
        return std::hash<std::string_view>{}(key);
    }
};

using KeySet = std::unordered_set<std::string, KeyHash, std::equal_to<>>;

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
    checked.normalized = verdict.normalized;
    checked.is_plain = store::is_plain_key(order.tracking_number, checked.key());
    if (checked.key().empty()) {
        // Only separators: as good as no number, but still not a valid one.
        checked.tracking.reason = carriers::Reason::empty;
    }
    return checked;
}

// The check row an order needs: one only when the verdict is not `ok` or the normalized
// number is not the plain key, so that a sweep of valid numbers writes nothing.
store::SweepWrite::Change check_change(const store::DueOrder& due, const Checked& checked) {
    using Change = store::SweepWrite::Change;
    const bool is_needed =
        !due.order.tracking_number.empty()
        && (checked.tracking.reason != carriers::Reason::ok || !checked.is_plain);
    if (!is_needed) {
        return due.check ? Change::remove : Change::keep;
    }
    const bool is_same = due.check && due.check->tracking_key == checked.key()
                         && due.check->verdict == carriers::reason_name(checked.tracking.reason);
    return is_same ? Change::keep : Change::put;
}

std::string settings_of(const config::LeadTimes& lead,
                        std::chrono::seconds no_scan_after,
                        const carriers::Ruleset& rules) {
    // The rules' identity: a changed rule file changes verdicts, so every open order is swept.
    std::size_t rules_hash = 0;
    const auto mix = [&rules_hash](std::string_view text) {
        rules_hash = rules_hash * 31 + std::hash<std::string_view>{}(text);
    };
    for (const auto& carrier : rules.carriers()) {
        mix(carrier.code);
        for (const auto& format : carrier.formats) {
            mix(format.id);
            mix(format.pattern);
        }
    }
    return fmt::format("warn={} error={} critical={} no_scan_after={} rules={:016x}",
                       lead.warn.count(),
                       lead.error.count(),
                       lead.critical.count(),
                       no_scan_after.count(),
                       rules_hash);
}

// Ship-by ranges whose orders crossed a lead time between two sweeps: (last + L, now + L] for
// each lead L (0 for missed_ship_by), merged where they overlap.
std::vector<store::ShipByRange>
crossing_ranges(std::int64_t last, std::int64_t now, std::span<const std::int64_t> leads) {
    std::vector<store::ShipByRange> ranges;
    for (const auto lead : leads) {
        ranges.push_back({last + lead, now + lead});
    }
    std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) {
        return a.after < b.after;
    });
    std::vector<store::ShipByRange> merged;
    for (const auto& range : ranges) {
        if (!merged.empty() && range.after <= merged.back().up_to) {
            merged.back().up_to = std::max(merged.back().up_to, range.up_to);
        } else {
            merged.push_back(range);
        }
    }
    return merged;
}

enum class Source : std::uint8_t { queue, other };

// The first entry for `row` or after it, in a vector sorted by row.
template <typename Entry>
auto first_of(const std::vector<Entry>& entries, std::int64_t row) {
    return std::lower_bound(
        entries.begin(), entries.end(), row, [](const Entry& entry, std::int64_t wanted) {
            return entry.row_id < wanted;
        });
}

// One sweep: checks, duplicate lookups, decisions and writes, chunk by chunk.
class SweepRun {
public:
    SweepRun(store::Store& store,
             const carriers::Validator& validator,
             const config::LeadTimes& lead,
             std::chrono::seconds no_scan_after,
             core::TimePoint now,
             SweepResult& result)
        : m_store(store)
        , m_validator(validator)
        , m_lead(lead)
        , m_no_scan_after(no_scan_after)
        , m_now(now)
        , m_result(result) {}

    // `is_fresh`: every awaiting order is judged, as if queued (first sweep, new settings).
    Result<bool> run(bool is_fresh, std::optional<core::TimePoint> last);

private:
    Result<bool> start_bulk();
    Result<bool> sweep_queue();
    Result<bool> sweep_crossings(core::TimePoint last);
    Result<bool> sweep_timers();
    Result<bool> sweep_extras();
    Result<bool> sweep_chunk(std::vector<store::DueOrder>& due, Source source);
    Result<bool> find_duplicates(std::vector<store::DueOrder>& due, Source source);
    bool needs_probe(const Checked& checked) const;
    void drop_visited(std::vector<store::DueOrder>& due);

    store::Store& m_store;
    const carriers::Validator& m_validator;
    const config::LeadTimes& m_lead;
    std::chrono::seconds m_no_scan_after;
    core::TimePoint m_now;
    SweepResult& m_result;

    bool m_is_fresh = false;
    bool m_is_bulk = false;
    KeySet m_shared_keys;                       // bulk: plain keys on several orders
    KeySet m_odd_keys;                          // bulk: stored keys that are not plain
    std::vector<store::RowAlert> m_bulk_alerts; // bulk: every open alert, by row
    std::vector<store::RowCheck> m_bulk_checks; // bulk: every stored check, by row
    std::vector<store::RowTimer> m_bulk_timers; // bulk: every timer, by row

    std::vector<store::DueOrder> m_due; // the chunk read, its buffers reused chunk after chunk
    std::vector<Checked> m_checked;
    std::unordered_set<std::int64_t> m_visited; // rows swept from sources other than the queue
    std::vector<std::int64_t> m_extras;         // holders a changed number may have made duplicates
};

Result<bool> SweepRun::run(bool is_fresh, std::optional<core::TimePoint> last) {
    m_is_fresh = is_fresh;
    auto queued = m_store.queued_count();
    if (!queued) {
        return tl::unexpected(queued.error());
    }
    if (is_fresh || *queued >= k_bulk_queue) {
        if (auto started = start_bulk(); !started) {
            return started;
        }
    }
    if (auto swept = sweep_queue(); !swept) {
        return swept;
    }
    // A fresh sweep judged every awaiting order: no crossing is left to find.
    if (!is_fresh && last) {
        if (auto swept = sweep_crossings(*last); !swept) {
            return swept;
        }
    }
    if (auto swept = sweep_timers(); !swept) {
        return swept;
    }
    return sweep_extras();
}

Result<bool> SweepRun::start_bulk() {
    auto shared = m_store.shared_plain_keys();
    auto odd = m_store.odd_keys();
    auto alerts = m_store.open_alerts_by_row();
    auto checks = m_store.checks_by_row();
    auto timers = m_store.timers_by_row();
    for (const auto* failed : {shared ? nullptr : &shared.error(),
                               odd ? nullptr : &odd.error(),
                               alerts ? nullptr : &alerts.error(),
                               checks ? nullptr : &checks.error(),
                               timers ? nullptr : &timers.error()}) {
        if (failed != nullptr) {
            return tl::unexpected(*failed);
        }
    }
    m_bulk_checks = std::move(*checks);
    m_bulk_timers = std::move(*timers);
    m_is_bulk = true;
    m_shared_keys.insert(std::make_move_iterator(shared->begin()),
                         std::make_move_iterator(shared->end()));
    m_odd_keys.insert(std::make_move_iterator(odd->begin()), std::make_move_iterator(odd->end()));
    m_bulk_alerts = std::move(*alerts);
    return true;
}

Result<bool> SweepRun::sweep_queue() {
    std::int64_t after = 0;
    while (true) {
        auto loaded = m_store.load_queued(after, k_chunk_size, {m_is_bulk, m_is_fresh}, m_due);
        if (!loaded) {
            return loaded;
        }
        if (m_due.empty()) {
            return true;
        }
        for (auto& order : m_due) {
            after = std::max(after, order.row_id);
            if (!m_is_bulk) {
                continue;
            }
            for (auto it = first_of(m_bulk_alerts, order.row_id);
                 it != m_bulk_alerts.end() && it->row_id == order.row_id;
                 ++it) {
                order.open_alerts.push_back(it->alert);
            }
            if (auto it = first_of(m_bulk_checks, order.row_id);
                it != m_bulk_checks.end() && it->row_id == order.row_id) {
                order.check = it->check;
            }
            if (auto it = first_of(m_bulk_timers, order.row_id);
                it != m_bulk_timers.end() && it->row_id == order.row_id) {
                order.timer = it->due_at;
            }
        }
        if (auto swept = sweep_chunk(m_due, Source::queue); !swept) {
            return swept;
        }
    }
}

Result<bool> SweepRun::sweep_crossings(core::TimePoint last) {
    const std::array<std::int64_t, 4> leads{
        m_lead.warn.count(), m_lead.error.count(), m_lead.critical.count(), 0};
    for (const auto& range : crossing_ranges(
             last.time_since_epoch().count(), m_now.time_since_epoch().count(), leads)) {
        store::ShipByCursor cursor{range.after, std::numeric_limits<std::int64_t>::max()};
        while (true) {
            auto loaded = m_store.load_crossing(range, cursor, k_chunk_size, m_due);
            if (!loaded) {
                return loaded;
            }
            if (m_due.empty()) {
                break;
            }
            for (const auto& order : m_due) {
                const auto ship_by = order.order.ship_by->time_since_epoch().count();
                if (std::pair{ship_by, order.row_id} > std::pair{cursor.ship_by, cursor.row_id}
                    || cursor.row_id == std::numeric_limits<std::int64_t>::max()) {
                    cursor = {ship_by, order.row_id};
                }
            }
            drop_visited(m_due);
            if (auto swept = sweep_chunk(m_due, Source::other); !swept) {
                return swept;
            }
        }
    }
    return true;
}

Result<bool> SweepRun::sweep_timers() {
    std::int64_t after = 0;
    while (true) {
        auto loaded = m_store.load_timers(m_now, after, k_chunk_size, m_due);
        if (!loaded) {
            return loaded;
        }
        if (m_due.empty()) {
            return true;
        }
        for (const auto& order : m_due) {
            after = std::max(after, order.row_id);
        }
        drop_visited(m_due);
        if (auto swept = sweep_chunk(m_due, Source::other); !swept) {
            return swept;
        }
    }
}

Result<bool> SweepRun::sweep_extras() {
    // Extras found here come from unchanged orders, so the loop ends: they add no more.
    auto rows = std::move(m_extras);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<store::DueOrder> due;
    for (const auto row : rows) {
        if (!m_visited.insert(row).second) {
            continue;
        }
        auto order = m_store.load_row(row);
        if (!order) {
            return tl::unexpected(order.error());
        }
        if (*order) {
            due.push_back(std::move(**order));
        }
        if (due.size() == k_chunk_size || row == rows.back()) {
            if (auto swept = sweep_chunk(due, Source::other); !swept) {
                return swept;
            }
            due.clear();
        }
    }
    if (!due.empty()) {
        return sweep_chunk(due, Source::other);
    }
    return true;
}

void SweepRun::drop_visited(std::vector<store::DueOrder>& due) {
    std::erase_if(due, [this](const store::DueOrder& order) {
        return !m_visited.insert(order.row_id).second;
    });
}

bool SweepRun::needs_probe(const Checked& checked) const {
    if (checked.key().empty()) {
        return false;
    }
    if (!m_is_bulk || !checked.is_plain) {
        return true;
    }
    return m_shared_keys.contains(checked.key()) || m_odd_keys.contains(checked.key());
}

Result<bool> SweepRun::find_duplicates(std::vector<store::DueOrder>& due, Source source) {
    // Sorted (key, index) pairs find the chunk's own duplicates without a hash map per key;
    // sorted rows tell the chunk's orders from the holders the store returns. Each key's
    // holders are summed up once (a count and the first few names), so one number on 20,000
    // orders costs each of them a count, not a list of the 19,999 others.
    std::vector<std::pair<std::string_view, std::size_t>> chunk_keys;
    std::vector<std::int64_t> chunk_rows;
    std::vector<std::string_view> probes;
    chunk_rows.reserve(due.size());
    if (m_is_bulk) {
        // Numbers that normalize otherwise than their plain key are found by the stored key
        // only; from here on, every order holding one is probed (this chunk's too).
        for (const auto& checked : m_checked) {
            if (!checked.key().empty() && !checked.is_plain) {
                m_odd_keys.emplace(checked.key());
            }
        }
    }
    for (std::size_t i = 0; i < due.size(); ++i) {
        chunk_rows.push_back(due[i].row_id);
        // Two orders of the chunk with one number both need a probe: needs_probe() says no
        // only for a number no other order holds.
        if (needs_probe(m_checked[i])) {
            probes.push_back(m_checked[i].key());
            chunk_keys.emplace_back(m_checked[i].key(), i);
        }
    }
    std::sort(chunk_keys.begin(), chunk_keys.end());
    std::sort(probes.begin(), probes.end());
    probes.erase(std::unique(probes.begin(), probes.end()), probes.end());
    if (!std::is_sorted(chunk_rows.begin(), chunk_rows.end())) {
        std::sort(chunk_rows.begin(), chunk_rows.end());
    }
    const auto is_in_chunk = [&chunk_rows](std::int64_t row) {
        return std::binary_search(chunk_rows.begin(), chunk_rows.end(), row);
    };
    const std::int64_t first_row = chunk_rows.empty() ? 0 : chunk_rows.front();
    auto holders = m_store.holders_of_keys(probes);
    if (!holders) {
        return tl::unexpected(holders.error());
    }

    // The index finds candidates by plain key; the engine decides which number they hold.
    struct Holders {
        FirstNames names{k_duplicate_examples};
        std::vector<std::int64_t> extras; // rows to sweep again once this chunk holds the key
    };

    std::unordered_map<std::string, Holders, KeyHash, std::equal_to<>> by_key;
    for (const auto& holder : *holders) {
        if (is_in_chunk(holder.row_id)) {
            continue;
        }
        auto& found = by_key[std::string(carriers::normalize(holder.tracking_number).text())];
        if (holder.status != store::OrderStatus::cancelled) {
            found.names.add(holder.order_id);
        }
        // A changed number may have made a duplicate of an order no later chunk visits.
        const bool is_visited_later =
            (holder.is_queued || (m_is_fresh && holder.status == store::OrderStatus::awaiting))
            && holder.row_id > first_row;
        if (source == Source::queue && !is_visited_later) {
            found.extras.push_back(holder.row_id);
        }
    }
    for (auto& [key, found] : by_key) {
        if (!found.extras.empty()
            && std::binary_search(chunk_keys.begin(),
                                  chunk_keys.end(),
                                  std::pair<std::string_view, std::size_t>{key, 0},
                                  [](const auto& a, const auto& b) { return a.first < b.first; })) {
            m_extras.insert(m_extras.end(), found.extras.begin(), found.extras.end());
        }
    }
    // The chunk's own orders with one key: one more name kept than shown, as each order
    // leaves itself out.
    for (auto group = chunk_keys.begin(); group != chunk_keys.end();) {
        const auto group_end = std::find_if(group, chunk_keys.end(), [&group](const auto& entry) {
            return entry.first != group->first;
        });
        FirstNames mates(k_duplicate_examples + 1);
        for (auto it = group; it != group_end; ++it) {
            if (due[it->second].order.status != store::OrderStatus::cancelled) {
                mates.add(due[it->second].order.order_id);
            }
        }
        const auto outside = by_key.find(group->first);
        for (auto it = group; it != group_end; ++it) {
            auto& checked = m_checked[it->second];
            const std::string_view self = due[it->second].order.order_id;
            const bool counts_self = due[it->second].order.status != store::OrderStatus::cancelled;
            FirstNames named(k_duplicate_examples);
            for (const auto name : mates.names()) {
                if (!counts_self || name != self) {
                    named.add(name);
                }
            }
            std::size_t count = mates.count() - (counts_self ? 1 : 0);
            if (outside != by_key.end()) {
                for (const auto name : outside->second.names.names()) {
                    named.add(name);
                }
                count += outside->second.names.count();
            }
            checked.duplicate_of.assign(named.names().begin(), named.names().end());
            checked.duplicate_count = count;
        }
        group = group_end;
    }
    return true;
}

Result<bool> SweepRun::sweep_chunk(std::vector<store::DueOrder>& due, Source source) {
    m_checked.clear();
    for (const auto& order : due) {
        m_checked.push_back(check_tracking(order.order, m_validator));
    }
    if (auto found = find_duplicates(due, source); !found) {
        return found;
    }
    std::vector<store::SweepWrite> writes;
    std::vector<AlertEvent> events;
    for (std::size_t i = 0; i < due.size(); ++i) {
        const auto& checked = m_checked[i];
        // A lookup of a number the order no longer carries says nothing about it.
        const auto& lookup = due[i].lookup;
        const bool is_lookup_current = lookup && lookup->number == checked.key();
        const OrderFacts facts{&due[i].order,
                               checked.tracking,
                               checked.duplicate_of,
                               due[i].open_alerts,
                               is_lookup_current ? &*lookup : nullptr,
                               m_no_scan_after,
                               checked.duplicate_count};
        auto decision = decide(facts, m_now, m_lead);
        std::move(decision.events.begin(), decision.events.end(), std::back_inserter(events));

        store::SweepWrite write;
        write.row_id = due[i].row_id;
        write.check = check_change(due[i], checked);
        write.tracking_key = checked.key();
        write.verdict = carriers::reason_name(checked.tracking.reason);
        // Lead-time crossings are found from ship_by; only carrier waits need a timer.
        const auto carrier_due = next_carrier_threshold(facts, m_now);
        if (carrier_due) {
            write.timer_due = carrier_due->time_since_epoch().count();
            write.timer = due[i].timer == write.timer_due ? store::SweepWrite::Change::keep
                                                          : store::SweepWrite::Change::put;
        } else if (due[i].timer) {
            write.timer = store::SweepWrite::Change::remove;
        }
        if (write.check != store::SweepWrite::Change::keep
            || write.timer != store::SweepWrite::Change::keep) {
            writes.push_back(write);
        }
    }
    std::vector<store::AlertWrite> alert_writes;
    alert_writes.reserve(events.size());
    for (const auto& event : events) {
        alert_writes.push_back(
            {write_kind(event.kind), event.order_id, event.condition, event.level, event.detail});
    }
    for (auto step :
         {m_store.write_sweep(writes, m_now), m_store.write_alerts(alert_writes, m_now)}) {
        if (!step) {
            return step;
        }
    }
    for (const auto& order : due) {
        for (const auto& time : order.out_of_range) {
            m_result.ignored_times.push_back({order.order.order_id, time.column, time.value});
        }
    }
    m_result.orders_checked += due.size();
    std::move(events.begin(), events.end(), std::back_inserter(m_result.events));
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
    // Inside the caller's transaction, the caller decides whether the sweep is kept.
    std::optional<store::Transaction> own;
    if (!m_store->is_in_transaction()) {
        auto begun = store::Transaction::begin(*m_store);
        if (!begun) {
            return tl::unexpected(begun.error());
        }
        own.emplace(std::move(*begun));
    }
    auto state = m_store->sweep_state();
    if (!state) {
        return tl::unexpected(state.error());
    }
    const auto settings = settings_of(m_lead, m_no_scan_after, m_validator->rules());
    // New settings or rules, or a clock set back: every open order is judged again.
    const bool is_fresh = !*state || (*state)->settings != settings || now < (*state)->swept_at;
    SweepResult result;
    SweepRun run(*m_store, *m_validator, m_lead, m_no_scan_after, now, result);
    auto swept = run.run(is_fresh, *state ? std::optional{(*state)->swept_at} : std::nullopt);
    if (!swept) {
        return tl::unexpected(swept.error());
    }
    if (auto finished = m_store->finish_sweep({now, settings}); !finished) {
        return tl::unexpected(finished.error());
    }
    if (own) {
        if (auto committed = own->commit(); !committed) {
            return tl::unexpected(committed.error());
        }
    }
    // An order is read again when it is written or its timer comes: say each bad time once.
    std::erase_if(result.ignored_times, [this](const IgnoredTime& time) {
        return !m_reported_times
                    .insert(fmt::format("{}\n{}\n{}", time.order_id, time.column, time.value))
                    .second;
    });
    const std::array<std::int64_t, 4> leads{
        m_lead.warn.count(), m_lead.error.count(), m_lead.critical.count(), 0};
    auto next_due = m_store->earliest_due(now, leads);
    if (!next_due) {
        return tl::unexpected(next_due.error());
    }
    result.next_due = *next_due;
    return result;
}

Result<bool> Sweeper::reconfigure(const config::Config& config) {
    // The next sweep sees the new settings differ from the stored ones and judges every open
    // order again.
    m_lead = config.lead_times;
    m_no_scan_after = config.no_scan_after;
    return true;
}

} // namespace vtrguard::alerts
