#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/core/asio.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/orders/import.hpp>
#include <vtrguard/report/vtr_watch.hpp>
#include <vtrguard/service/health.hpp>
#include <vtrguard/service/inbox.hpp>
#include <vtrguard/service/log.hpp>
#include <vtrguard/service/service.hpp>
#include <vtrguard/service/systemd_notifier.hpp>
#include <vtrguard/sources/mismatch.hpp>
#include <vtrguard/sources/source_set.hpp>
#include <vtrguard/store/store.hpp>
#include <vtrguard/tracking/lookup_scheduler.hpp>

#include <fmt/core.h>

#include <csignal>
#include <exception>

namespace vtrguard::service {

namespace {

constexpr auto k_inbox_scan = std::chrono::milliseconds(500);
constexpr auto k_inbox_soonest = std::chrono::milliseconds(10);
// After lookups stored answers, the sweep runs this soon, so answers arriving together are
// swept together.
constexpr auto k_sweep_after_lookups = std::chrono::milliseconds(250);
// On SIGTERM, lookups in flight may finish this long; the loop is stopped a little later if
// anything still holds it.
constexpr auto k_lookup_grace = std::chrono::milliseconds(3000);
constexpr auto k_stop_deadline = std::chrono::milliseconds(5000);
constexpr int k_exit_config = 3;
constexpr int k_exit_runtime = 4;

} // namespace

Result<config::Config> load_config(const ServiceOptions& options) {
    auto loaded =
        options.config_file ? config::load_file(*options.config_file) : config::defaults();
    if (!loaded) {
        return loaded;
    }
    if (options.database_override) {
        config::apply_database_override(*loaded, *options.database_override);
    }
    if (options.log_format_override) {
        loaded->log.format = *options.log_format_override;
    }
    return loaded;
}

struct Service::Impl {
    Impl(ServiceOptions options_in, config::Config config_in, const core::Clock& clock_in)
        : options(std::move(options_in))
        , config(std::move(config_in))
        , clock(clock_in)
        , signals(io, SIGINT, SIGTERM, SIGHUP)
        , sweep_timer(io)
        , inbox_timer(io)
        , watchdog_timer(io)
        , stop_timer(io)
        , validator(config.ruleset())
        , inbox(config.inbox_path(), config.inbox_settle_time) {}

    int run();
    void stop(std::string_view why);
    void reload();

    void wait_for_signal();
    void arm_sweep(std::optional<core::TimePoint> next_due);
    void await_sweep();
    void request_sweep();
    void arm_inbox(std::chrono::steady_clock::duration wait = k_inbox_scan);
    void arm_watchdog();

    void sweep_now();
    void log_ignored_times(const alerts::SweepResult& swept);
    void check_marketplace_copies(core::TimePoint now);
    void log_vtr_crossings(core::TimePoint now);
    bool import_inbox();
    void import_inbox_file(const std::filesystem::path& file, bool& has_imported);
    void report_status();
    void note_failure(Work work, std::string why);
    void announce_stall(core::TimePoint now);

    // Runs `step`, logging instead of propagating whatever it throws.
    template <typename Step>
    void guarded(std::string_view what, Step&& step);

    ServiceOptions options;
    config::Config config;
    const core::Clock& clock;
    boost::asio::io_context io;
    boost::asio::signal_set signals;
    boost::asio::steady_timer sweep_timer;
    boost::asio::steady_timer inbox_timer;
    boost::asio::steady_timer watchdog_timer;
    boost::asio::steady_timer stop_timer;
    SystemdNotifier notifier;
    carriers::Validator validator;
    Inbox inbox;
    std::unique_ptr<Log> log;
    std::optional<store::Store> store;
    std::optional<alerts::Sweeper> sweeper;
    std::unique_ptr<http::CurlClient> http_client;
    std::unique_ptr<tracking::LookupScheduler> lookups;
    std::unique_ptr<sources::SourceSet> order_sources;
    bool is_stopping = false;
    std::size_t sweeps = 0;
    std::optional<core::TimePoint> last_vtr_check;
    std::size_t events_logged = 0;
    std::size_t files_imported = 0;
    std::string last_sweep;
    Health health{std::chrono::minutes{10}}; // set from config in run() and reload()
    std::optional<std::chrono::steady_clock::time_point> inbox_next_ready;
};

template <typename Step>
void Service::Impl::guarded(std::string_view what, Step&& step) {
    try {
        step();
    } catch (const std::exception& error) {
        log->error(fmt::format("{}: unexpected failure: {}", what, error.what()));
    }
}

int Service::Impl::run() {
    auto opened_log = Log::open(config.log);
    if (!opened_log) {
        fmt::print(stderr, "vtrguard run: {}\n", opened_log.error().message);
        return k_exit_config;
    }
    log = std::move(*opened_log);
    auto opened_store = store::Store::open(config.database);
    if (!opened_store) {
        log->error("store: " + opened_store.error().message);
        return k_exit_runtime;
    }
    store.emplace(std::move(*opened_store));
    // A database it cannot write would make every sweep fail: a runtime failure at start.
    if (auto writable = store->check_writable(); !writable) {
        log->error(
            fmt::format("store: {}: {}", config.database.string(), writable.error().message));
        return k_exit_runtime;
    }
    health.set_stall_after(config.stall_after);
    sweeper.emplace(*store, config, validator);
    http_client = std::make_unique<http::CurlClient>(io.get_executor(),
                                                     tracking::curl_options(config.carriers));
    // The tracker says here, once, which carriers get format checks only.
    lookups = std::make_unique<tracking::LookupScheduler>(
        io.get_executor(), *store, *http_client, config, clock, log->component_logger(), [this] {
            request_sweep();
        });
    order_sources = std::make_unique<sources::SourceSet>(
        io.get_executor(), *http_client, *store, clock, log->component_logger(), [this] {
            request_sweep();
        });
    if (auto prepared = inbox.prepare(); !prepared) {
        log->error("inbox: " + prepared.error().message);
        return k_exit_runtime;
    }
    log->info(fmt::format("vtrguard {} started: database {}, inbox {}, poll every {}s",
                          VTRGUARD_VERSION,
                          config.database.string(),
                          inbox.folder().string(),
                          config.poll_interval.count()));
    if (config.rules_dir) {
        log->info("carrier rules: the built-in carriers plus " + config.rules_dir->string());
    }
    wait_for_signal();
    notifier.ready();
    guarded("inbox", [this] { import_inbox(); });
    guarded("sweep", [this] { sweep_now(); });
    guarded("lookups", [this] { lookups->poll(); });
    guarded("sources", [this] { order_sources->start(config); });
    arm_inbox();
    arm_watchdog();
    io.run();
    log->info("vtrguard stopped");
    return 0;
}

void Service::Impl::wait_for_signal() {
    signals.async_wait([this](const boost::system::error_code& error, int signal) {
        if (error || is_stopping) {
            return;
        }
        if (signal == SIGHUP) {
            guarded("reload", [this] { reload(); });
            wait_for_signal();
            return;
        }
        stop(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    });
}

void Service::Impl::stop(std::string_view why) {
    // The step in progress has finished (handlers run one at a time): close the intake and let
    // run() return once no work is left.
    is_stopping = true;
    notifier.stopping();
    log->info(fmt::format("{} received: stopping", why));
    signals.cancel();
    sweep_timer.cancel();
    inbox_timer.cancel();
    watchdog_timer.cancel();
    // A page in flight is dropped unread; the watermarks are those of finished polls.
    order_sources->close();
    lookups->close(k_lookup_grace, [this] {
        http_client->shutdown();
        stop_timer.cancel();
    });
    stop_timer.expires_after(k_stop_deadline);
    stop_timer.async_wait([this](const boost::system::error_code& error) {
        if (error) {
            return;
        }
        log->warn("stopping: work still pending after the grace period; stopping the loop");
        io.stop();
    });
}

void Service::Impl::reload() {
    if (!options.config_file) {
        log->info("SIGHUP: no configuration file to reload; log reopened");
        (void)log->reopen(config.log);
        return;
    }
    auto loaded = load_config(options);
    if (!loaded) {
        log->error("SIGHUP: configuration rejected, keeping the running one: "
                   + loaded.error().message);
        return;
    }
    if (loaded->database != config.database) {
        log->warn("SIGHUP: the database moves only on restart; still using "
                  + config.database.string());
        loaded->database = config.database;
    }
    if (auto reopened = log->reopen(loaded->log); !reopened) {
        log->error("SIGHUP: " + reopened.error().message + "; keeping the old log");
        loaded->log = config.log;
    }
    if (auto reconfigured = sweeper->reconfigure(*loaded); !reconfigured) {
        log->error("SIGHUP: " + reconfigured.error().message);
    }
    config = std::move(*loaded);
    health.set_stall_after(config.stall_after);
    // The sweeper holds this validator: from now on it checks against the reloaded carriers.
    validator = carriers::Validator(config.ruleset());
    inbox = Inbox(config.inbox_path(), config.inbox_settle_time);
    if (auto prepared = inbox.prepare(); !prepared) {
        log->error("inbox: " + prepared.error().message);
    }
    // New carrier settings (and re-read secrets) take effect through a new tracker.
    lookups->reconfigure(config);
    // New accounts, credentials and paces; a paused account is tried again.
    order_sources->start(config);
    log->info("SIGHUP: configuration reloaded from " + options.config_file->string());
    sweep_now();
}

void Service::Impl::arm_sweep(std::optional<core::TimePoint> next_due) {
    auto wait =
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(config.poll_interval);
    if (next_due) {
        // Wake for the next threshold when it comes before the next poll. Clamped in seconds:
        // centuries away do not fit the steady clock's nanoseconds, and an overflowed wait
        // would fire at once, again and again.
        const auto until_due =
            std::clamp(*next_due - clock.now(), std::chrono::seconds::zero(), config.poll_interval);
        wait = std::min(wait,
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(until_due));
    }
    sweep_timer.expires_after(wait);
    await_sweep();
}

void Service::Impl::await_sweep() {
    sweep_timer.async_wait([this](const boost::system::error_code& error) {
        if (error || is_stopping) {
            return;
        }
        guarded("sweep", [this] { sweep_now(); });
    });
}

void Service::Impl::request_sweep() {
    if (is_stopping) {
        return;
    }
    const auto soon = std::chrono::steady_clock::now() + k_sweep_after_lookups;
    if (sweep_timer.expiry() <= soon) {
        return;
    }
    sweep_timer.expires_at(soon);
    await_sweep();
}

void Service::Impl::arm_inbox(std::chrono::steady_clock::duration wait) {
    inbox_timer.expires_after(wait);
    inbox_timer.async_wait([this](const boost::system::error_code& error) {
        if (error || is_stopping) {
            return;
        }
        guarded("inbox", [this] {
            if (import_inbox()) {
                sweep_now();
            }
        });
        // A file settling (or waiting to be tried again) is looked at as soon as it may be
        // ready, not up to a scan later.
        auto next = k_inbox_scan;
        if (inbox_next_ready) {
            next = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  *inbox_next_ready - std::chrono::steady_clock::now()),
                              k_inbox_soonest,
                              k_inbox_scan);
        }
        arm_inbox(next);
    });
}

void Service::Impl::arm_watchdog() {
    const auto interval = notifier.watchdog_interval();
    if (!interval) {
        return;
    }
    watchdog_timer.expires_after(*interval);
    watchdog_timer.async_wait([this](const boost::system::error_code& error) {
        if (error || is_stopping) {
            return;
        }
        // A stalled daemon stops pinging: systemd's watchdog then restarts it.
        const auto now = clock.now();
        announce_stall(now);
        if (!health.is_stalled(now)) {
            notifier.watchdog();
        }
        arm_watchdog();
    });
}

void Service::Impl::log_vtr_crossings(core::TimePoint now) {
    // The rate moves slowly; reading the window once per interval is enough.
    if (last_vtr_check && now - *last_vtr_check < config.vtr_check_interval) {
        return;
    }
    last_vtr_check = now;
    auto crossings = report::watch_vtr(config.database, config.marketplaces, now);
    if (!crossings) {
        log->error("vtr: " + crossings.error().message);
        return;
    }
    for (const auto& crossing : *crossings) {
        const auto text = report::vtr_alert_text(crossing);
        if (crossing.state.level == report::RateLevel::below_threshold) {
            log->error(text);
        } else if (crossing.state.level == report::RateLevel::warning) {
            log->warn(text);
        } else {
            log->info(text);
        }
    }
    events_logged += crossings->size();
}

void Service::Impl::check_marketplace_copies(core::TimePoint now) {
    auto events = sources::check_mismatches(*store, config.ruleset(), now);
    if (!events) {
        log->error("marketplace copies: " + events.error().message);
        return;
    }
    for (const auto& event : *events) {
        const auto line = sources::mismatch_line(event);
        if (event.is_raised) {
            log->error(line);
        } else {
            log->info(line);
        }
    }
    events_logged += events->size();
}

void Service::Impl::sweep_now() {
    const auto now = clock.now();
    // The seller's numbers against the marketplaces' copies: new ones come from the inbox and
    // from the sources, both of which ask for a sweep.
    check_marketplace_copies(now);
    auto swept = sweeper->sweep(now);
    std::optional<core::TimePoint> next_due;
    if (!swept) {
        log->error("sweep: " + swept.error().message + "; trying again at the next poll");
        note_failure(Work::sweep, "sweep: " + swept.error().message);
    } else {
        health.succeeded(Work::sweep, now);
        log_ignored_times(*swept);
        for (const auto& event : swept->events) {
            log->alert(event);
        }
        events_logged += swept->events.size();
        next_due = swept->next_due;
        if (swept->orders_checked > 0 && !is_stopping) {
            // A sweep is where new or changed numbers are first checked.
            lookups->poll();
        }
        log_vtr_crossings(now);
        ++sweeps;
        last_sweep = core::format_instant(now);
        report_status();
    }
    arm_sweep(next_due);
}

bool Service::Impl::import_inbox() {
    auto scan = inbox.scan(std::chrono::steady_clock::now());
    inbox_next_ready = scan.next_ready;
    for (const auto& warning : scan.warnings) {
        log->warn("inbox: " + warning);
    }
    bool has_imported = false;
    for (const auto& file : scan.ready) {
        if (is_stopping) {
            break;
        }
        // One file's trouble never keeps the others waiting.
        guarded("inbox", [&] { import_inbox_file(file, has_imported); });
    }
    return has_imported;
}

void Service::Impl::log_ignored_times(const alerts::SweepResult& swept) {
    for (const auto& ignored : swept.ignored_times) {
        log->error(fmt::format("store: order {}: {} = {} is outside the years {}..{}; the sweep "
                               "ignores it until the order is written with a valid time",
                               core::printable(ignored.order_id),
                               ignored.column,
                               ignored.value,
                               core::k_min_year,
                               core::k_max_year));
    }
}

void Service::Impl::note_failure(Work work, std::string why) {
    const auto now = clock.now();
    health.failed(work, now, std::move(why));
    announce_stall(now);
    report_status();
}

void Service::Impl::announce_stall(core::TimePoint now) {
    if (health.take_new_stall(now)) {
        log->write(spdlog::level::critical, health.stalled_text(now));
        report_status();
    }
}

void Service::Impl::import_inbox_file(const std::filesystem::path& file, bool& has_imported) {
    const std::string name = core::printable(file.filename().string());
    const auto outcome = orders::import_file(*store, file, std::nullopt, clock.now());
    // The file stays for another try: nothing in it was at fault, or it could not be moved.
    const auto try_again = [&](const Error& error) {
        const auto now = std::chrono::steady_clock::now();
        const auto pause = inbox.retry_later(file, now);
        inbox_next_ready = std::min(inbox_next_ready.value_or(now + pause), now + pause);
        return fmt::format("inbox: {}; the file stays in the inbox, next try in {} s",
                           error.message,
                           std::chrono::duration_cast<std::chrono::seconds>(pause).count());
    };
    // The store failing is the daemon's trouble; a file it cannot read is the file's.
    if (outcome) {
        health.succeeded(Work::intake, clock.now());
    } else if (outcome.error().code == ErrorCode::store) {
        note_failure(Work::intake, "inbox: " + outcome.error().message);
    }
    if (!outcome && Inbox::is_temporary(outcome.error())) {
        log->warn(try_again(outcome.error()));
        return;
    }
    // Settle before logging: whoever reads the line finds the file already in place.
    const auto settled = inbox.settle(file, outcome);
    if (!settled) {
        log->error(try_again(settled.error()));
    }
    if (outcome && outcome->errors.empty()) {
        // A name too long to keep is cut in done/: say where the file went.
        const bool is_renamed = settled && settled->filename() != file.filename();
        log->info(fmt::format("inbox: {}: {} rows imported, {} unchanged{}",
                              name,
                              outcome->rows_imported,
                              outcome->rows_unchanged,
                              is_renamed ? " (moved to done/"
                                               + core::printable(settled->filename().string()) + ")"
                                         : ""));
    } else if (outcome) {
        const std::string kept = settled ? settled->filename().string() : name;
        log->warn(fmt::format("inbox: {}: {} rows imported, {} skipped (see failed/{}.error)",
                              name,
                              outcome->rows_imported + outcome->rows_unchanged,
                              outcome->errors.size(),
                              core::printable(kept)));
    } else {
        log->error("inbox: " + outcome.error().message);
    }
    has_imported = has_imported || (outcome && outcome->rows_imported > 0);
    ++files_imported;
}

void Service::Impl::report_status() {
    std::string text =
        fmt::format("{} sweeps, last good sweep at {}; {} alert events; {} inbox files; {} "
                    "carrier lookups",
                    sweeps,
                    last_sweep.empty() ? "never" : last_sweep,
                    events_logged,
                    files_imported,
                    lookups->lookups_done());
    const auto now = clock.now();
    if (const auto failing = health.failing(); failing && health.is_stalled(now)) {
        text = fmt::format("STALLED: {} failing since {}: {}; {}",
                           work_name(failing->work),
                           core::format_instant(failing->since),
                           core::printable(failing->why),
                           text);
    }
    notifier.status(text);
}

Service::Service(ServiceOptions options, config::Config config, const core::Clock& clock)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(config), clock)) {}

Service::~Service() = default;

int Service::run() {
    return m_impl->run();
}

} // namespace vtrguard::service
