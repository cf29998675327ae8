#include <vtrguard/sources/source_set.hpp>

namespace vtrguard::sources {

SourceSet::SourceSet(boost::asio::any_io_executor executor,
                     http::Client& http,
                     store::Store& store,
                     const core::Clock& clock,
                     std::shared_ptr<spdlog::logger> logger,
                     std::function<void()> on_changed)
    : m_executor(std::move(executor))
    , m_http(http)
    , m_store(store)
    , m_clock(clock)
    , m_log(std::move(logger))
    , m_on_changed(std::move(on_changed)) {}

SourceSet::~SourceSet() {
    close();
}

void SourceSet::start(const config::Config& config) {
    // Replies still in flight for the old pollers are dropped: their callbacks hold weak
    // references only.
    close();
    m_pollers.clear();
    for (const auto& settings : config.sources) {
        auto poller = std::make_shared<AccountPoller>(
            m_executor, settings, m_http, m_store, config.rules, m_clock, m_log);
        poller->start(m_on_changed, {});
        m_pollers.push_back(std::move(poller));
    }
}

void SourceSet::close() {
    for (const auto& poller : m_pollers) {
        poller->close();
    }
}

} // namespace vtrguard::sources
