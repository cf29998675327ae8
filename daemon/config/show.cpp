#include "key_table.hpp"

#include <vtrguard/config/show.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace vtrguard::config {

namespace {

constexpr std::string_view k_masked = "********";

// The object at dotted `section` inside `root`, created on first use.
rapidjson::Value& section_of(rapidjson::Document& root, std::string_view section) {
    rapidjson::Value* node = &root;
    auto& allocator = root.GetAllocator();
    while (!section.empty()) {
        const auto dot = section.find('.');
        const auto name = section.substr(0, dot);
        auto found = node->FindMember(
            rapidjson::Value(name.data(), static_cast<rapidjson::SizeType>(name.size())));
        if (found == node->MemberEnd()) {
            node->AddMember(rapidjson::Value(name.data(),
                                             static_cast<rapidjson::SizeType>(name.size()),
                                             allocator),
                            rapidjson::Value(rapidjson::kObjectType),
                            allocator);
            found = node->MemberEnd() - 1;
        }
        node = &found->value;
        section = dot == std::string_view::npos ? std::string_view{} : section.substr(dot + 1);
    }
    return *node;
}

} // namespace

std::string show(const Config& config) {
    rapidjson::Document root(rapidjson::kObjectType);
    auto& allocator = root.GetAllocator();
    for (const auto& rule : key_table()) {
        const auto dot = rule.key.rfind('.');
        const auto section = dot == std::string_view::npos ? "" : rule.key.substr(0, dot);
        const auto name = dot == std::string_view::npos ? rule.key : rule.key.substr(dot + 1);
        rapidjson::Value value;
        if (rule.show_object) {
            value = rule.show_object(config, allocator);
        } else if (auto text = rule.show(config); text && rule.is_json) {
            // A whole section printed as JSON (`marketplaces`): inserted as a value.
            rapidjson::Document parsed(&allocator);
            parsed.Parse(text->c_str(), text->size());
            value.CopyFrom(parsed, allocator);
        } else if (text) {
            const std::string_view shown = rule.is_secret ? k_masked : std::string_view(*text);
            value.SetString(
                shown.data(), static_cast<rapidjson::SizeType>(shown.size()), allocator);
        }
        section_of(root, section)
            .AddMember(rapidjson::Value(
                           name.data(), static_cast<rapidjson::SizeType>(name.size()), allocator),
                       value,
                       allocator);
    }
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
    writer.SetIndent(' ', 2);
    root.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

} // namespace vtrguard::config
