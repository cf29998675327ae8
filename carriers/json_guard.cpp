#include <vtrguard/carriers/json_guard.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

namespace vtrguard::carriers::json_guard {

namespace {

// One container still to visit, with the key path that leads to it.
struct Pending {
    const rapidjson::Value* value;
    std::string path;
    std::size_t depth;
};

std::string child_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string where(const std::string& path) {
    return path.empty() ? std::string("the top level") : path;
}

std::optional<std::string> find_duplicate_key(const rapidjson::Value& object,
                                              const std::string& path) {
    std::vector<std::string_view> names;
    names.reserve(object.MemberCount());
    for (const auto& member : object.GetObject()) {
        names.emplace_back(member.name.GetString(), member.name.GetStringLength());
    }
    std::sort(names.begin(), names.end());
    const auto twice = std::adjacent_find(names.begin(), names.end());
    if (twice == names.end()) {
        return std::nullopt;
    }
    return where(path) + ": the key \"" + std::string(*twice)
           + "\" appears twice (a JSON object keeps one value per key)";
}

} // namespace

std::optional<std::string> find_shape_problem(const rapidjson::Value& root, std::size_t max_depth) {
    std::vector<Pending> pending;
    pending.push_back({&root, {}, 1});
    while (!pending.empty()) {
        Pending next = std::move(pending.back());
        pending.pop_back();
        const auto& value = *next.value;
        if (!value.IsObject() && !value.IsArray()) {
            continue;
        }
        if (next.depth > max_depth) {
            return where(next.path) + ": nested deeper than " + std::to_string(max_depth)
                   + " levels of objects and arrays";
        }
        if (value.IsObject()) {
            if (auto duplicate = find_duplicate_key(value, next.path)) {
                return duplicate;
            }
            for (const auto& member : value.GetObject()) {
                if (member.value.IsObject() || member.value.IsArray()) {
                    const std::string_view key(member.name.GetString(),
                                               member.name.GetStringLength());
                    pending.push_back({&member.value, child_path(next.path, key), next.depth + 1});
                }
            }
            continue;
        }
        for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
            if (value[i].IsObject() || value[i].IsArray()) {
                pending.push_back(
                    {&value[i], next.path + "[" + std::to_string(i) + "]", next.depth + 1});
            }
        }
    }
    return std::nullopt;
}

} // namespace vtrguard::carriers::json_guard
