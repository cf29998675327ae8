#include "builtin_carriers.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

namespace vtrguard::carriers::builtin {

namespace {

struct NationalPost {
    std::string_view country; // ISO 3166-1 alpha-2: the S10 suffix the post prints
    std::string_view code;
    std::string_view name;
    std::string_view marketplace_name; // Amazon's carrier code, where the marketplace has one
};

// The designated postal operators of UPU members (and of territories that print their own
// S10 suffix), by the suffix of the S10 numbers they issue. Posts with a file of their own
// (China Post, Royal Mail, Japan Post, La Poste, Deutsche Post, PostNL, Australia Post, Canada
// Post, USPS) are not repeated. A code listed twice (PostNord for SE and DK) is one carrier.
// Amazon's carrier codes from the marketplaces' shipment confirmation lists.
constexpr std::array k_posts{
    NationalPost{"AD", "andorra_post", "Correus i Telègrafs d'Andorra", ""},
    NationalPost{"AE", "emirates_post", "Emirates Post", ""},
    NationalPost{"AF", "afghan_post", "Afghan Post", ""},
    NationalPost{"AG", "antigua_post", "Antigua and Barbuda Postal Service", ""},
    NationalPost{"AL", "posta_shqiptare", "Posta Shqiptare", ""},
    NationalPost{"AM", "haypost", "HayPost", ""},
    NationalPost{"AO", "correios_angola", "Correios de Angola", ""},
    NationalPost{"AR", "correo_argentino", "Correo Argentino", ""},
    NationalPost{"AT", "austrian_post", "Österreichische Post", ""},
    NationalPost{"AW", "post_aruba", "Post Aruba", ""},
    NationalPost{"AZ", "azerpost", "Azerpost", ""},
    NationalPost{"BA", "bh_posta", "BH Pošta", ""},
    NationalPost{"BB", "barbados_post", "Barbados Postal Service", ""},
    NationalPost{"BD", "bangladesh_post", "Bangladesh Post Office", ""},
    NationalPost{"BE", "bpost", "bpost", ""},
    NationalPost{"BF", "sonapost", "SONAPOST (Burkina Faso)", ""},
    NationalPost{"BG", "bulgarian_posts", "Bulgarian Posts", ""},
    NationalPost{"BH", "bahrain_post", "Bahrain Post", ""},
    NationalPost{"BI", "burundi_post", "Poste du Burundi", ""},
    NationalPost{"BJ", "benin_post", "La Poste du Bénin", ""},
    NationalPost{"BM", "bermuda_post", "Bermuda Post Office", ""},
    NationalPost{"BN", "pos_brunei", "Pos Brunei", ""},
    NationalPost{"BO", "correos_bolivia", "Correos de Bolivia", ""},
    NationalPost{"BR", "correios", "Correios (Brazil)", ""},
    NationalPost{"BS", "bahamas_post", "Bahamas Postal Service", ""},
    NationalPost{"BT", "bhutan_post", "Bhutan Post", ""},
    NationalPost{"BW", "botswana_post", "BotswanaPost", ""},
    NationalPost{"BY", "belpost", "Belpochta", ""},
    NationalPost{"BZ", "belize_post", "Belize Postal Service", ""},
    NationalPost{
        "CD", "congo_post_drc", "Congolese Post and Telecommunications Company (DR Congo)", ""},
    NationalPost{"CF", "central_african_post", "Central African Post (Centrafrique)", ""},
    NationalPost{"CG", "congo_post", "Congo Post (Republic of the Congo)", ""},
    NationalPost{"CH", "swiss_post", "Swiss Post", ""},
    NationalPost{"CI", "poste_cote_divoire", "La Poste de Côte d'Ivoire", ""},
    NationalPost{"CL", "correos_chile", "Correos de Chile", ""},
    NationalPost{"CM", "campost", "Campost (Cameroon)", ""},
    NationalPost{"CO", "correos_colombia", "4-72 Servicios Postales Nacionales (Colombia)", ""},
    NationalPost{"CR", "correos_costa_rica", "Correos de Costa Rica", ""},
    NationalPost{"CU", "correos_cuba", "Correos de Cuba", ""},
    NationalPost{"CV", "correios_cabo_verde", "Correios de Cabo Verde", ""},
    NationalPost{"CW", "cpost", "CPost International (Curaçao)", ""},
    NationalPost{"CY", "cyprus_post", "Cyprus Post", ""},
    NationalPost{"CZ", "ceska_posta", "Česká pošta", ""},
    NationalPost{"DJ", "djibouti_post", "La Poste de Djibouti", ""},
    NationalPost{"DK", "postnord", "PostNord", ""},
    NationalPost{"DM", "dominica_post", "Dominica Postal Service", ""},
    NationalPost{"DO", "inposdom", "INPOSDOM (Dominican Republic)", ""},
    NationalPost{"DZ", "algerie_poste", "Algérie Poste", ""},
    NationalPost{"EC", "correos_ecuador", "Correos del Ecuador", ""},
    NationalPost{"EE", "omniva", "Omniva (Eesti Post)", ""},
    NationalPost{"EG", "egypt_post", "Egypt Post", ""},
    NationalPost{"ER", "eritrea_post", "Eritrean Postal Service", ""},
    NationalPost{"ES", "correos", "Correos (Spain)", ""},
    NationalPost{"ET", "ethiopian_post", "Ethiopian Postal Service", ""},
    NationalPost{"FI", "posti", "Posti (Finland)", ""},
    NationalPost{"FJ", "post_fiji", "Post Fiji", ""},
    NationalPost{"FO", "posta_faroe", "Posta (Faroe Islands)", ""},
    NationalPost{"GA", "gabon_post", "Gabon Poste", ""},
    NationalPost{"GD", "grenada_post", "Grenada Postal Corporation", ""},
    NationalPost{"GE", "georgian_post", "Georgian Post", ""},
    NationalPost{"GH", "ghana_post", "Ghana Post", ""},
    NationalPost{"GI", "royal_gibraltar_post", "Royal Gibraltar Post Office", ""},
    NationalPost{"GL", "tusass", "Tusass (Greenland)", ""},
    NationalPost{"GM", "gambia_post", "Gambia Postal Services", ""},
    NationalPost{"GN", "guinea_post", "Office de la Poste Guinéenne", ""},
    NationalPost{"GQ", "equatorial_guinea_post", "Equatorial Guinea Postal Service", ""},
    NationalPost{"GR", "elta", "ELTA Hellenic Post", ""},
    NationalPost{"GT", "guatemala_post", "El Correo de Guatemala", ""},
    NationalPost{"GW", "guinea_bissau_post", "Correios da Guiné-Bissau", ""},
    NationalPost{"GY", "guyana_post", "Guyana Post Office Corporation", ""},
    NationalPost{"HK", "hongkong_post", "Hongkong Post", ""},
    NationalPost{"HN", "honducor", "Honducor (Honduras)", ""},
    NationalPost{"HR", "hrvatska_posta", "Hrvatska pošta", ""},
    NationalPost{"HT", "haiti_post", "Office des Postes d'Haïti", ""},
    NationalPost{"HU", "magyar_posta", "Magyar Posta", ""},
    NationalPost{"ID", "pos_indonesia", "Pos Indonesia", ""},
    NationalPost{"IE", "an_post", "An Post", ""},
    NationalPost{"IL", "israel_post", "Israel Post", ""},
    NationalPost{"IN", "india_post", "India Post", "India Post"},
    NationalPost{"IQ", "iraqi_post", "Iraqi Post", ""},
    NationalPost{"IR", "iran_post", "Iran Post", ""},
    NationalPost{"IS", "iceland_post", "Iceland Post (Pósturinn)", ""},
    NationalPost{"IT", "poste_italiane", "Poste Italiane", "Poste Italiane"},
    NationalPost{"JM", "jamaica_post", "Jamaica Post", ""},
    NationalPost{"JO", "jordan_post", "Jordan Post", ""},
    NationalPost{"KE", "posta_kenya", "Posta Kenya", ""},
    NationalPost{"KG", "kyrgyz_post", "Kyrgyz Post", ""},
    NationalPost{"KH", "cambodia_post", "Cambodia Post", ""},
    NationalPost{"KI", "kiribati_post", "Kiribati Post", ""},
    NationalPost{"KM", "comoros_post", "Société Nationale des Postes des Comores", ""},
    NationalPost{"KN", "st_kitts_post", "St Kitts and Nevis Postal Service", ""},
    NationalPost{"KP", "korea_post_dprk", "Korea Post (DPR Korea)", ""},
    NationalPost{"KR", "korea_post", "Korea Post", ""},
    NationalPost{"KW", "kuwait_post", "Kuwait Post", ""},
    NationalPost{"KZ", "kazpost", "Kazpost", ""},
    NationalPost{"LA", "lao_post", "Lao Post", ""},
    NationalPost{"LB", "libanpost", "LibanPost", ""},
    NationalPost{"LC", "st_lucia_post", "Saint Lucia Postal Service", ""},
    NationalPost{"LI", "liechtenstein_post", "Liechtensteinische Post", ""},
    NationalPost{"LK", "sri_lanka_post", "Sri Lanka Post", ""},
    NationalPost{"LR", "liberia_post", "Liberia Postal Service", ""},
    NationalPost{"LS", "lesotho_post", "Lesotho Postal Services", ""},
    NationalPost{"LT", "lietuvos_pastas", "Lietuvos paštas", ""},
    NationalPost{"LU", "post_luxembourg", "POST Luxembourg", ""},
    NationalPost{"LV", "latvijas_pasts", "Latvijas Pasts", ""},
    NationalPost{"LY", "libya_post", "Libya Post", ""},
    NationalPost{"MA", "barid_al_maghrib", "Barid Al-Maghrib (Poste Maroc)", ""},
    NationalPost{"MC", "la_poste_monaco", "La Poste Monaco", ""},
    NationalPost{"MD", "posta_moldovei", "Poșta Moldovei", ""},
    NationalPost{"ME", "posta_crne_gore", "Pošta Crne Gore", ""},
    NationalPost{"MG", "paositra_malagasy", "Paositra Malagasy", ""},
    NationalPost{"MK", "posta_north_macedonia", "Pošta na Severna Makedonija", ""},
    NationalPost{"ML", "mali_post", "La Poste du Mali", ""},
    NationalPost{"MM", "myanma_post", "Myanma Post", ""},
    NationalPost{"MN", "mongol_post", "Mongol Post", ""},
    NationalPost{"MO", "macau_post", "Correios de Macau", ""},
    NationalPost{"MR", "mauripost", "Mauripost", ""},
    NationalPost{"MT", "maltapost", "MaltaPost", ""},
    NationalPost{"MU", "mauritius_post", "Mauritius Post", ""},
    NationalPost{"MV", "maldives_post", "Maldives Post", ""},
    NationalPost{"MW", "malawi_post", "Malawi Posts Corporation", ""},
    NationalPost{"MX", "correos_mexico", "Correos de México", ""},
    NationalPost{"MY", "pos_malaysia", "Pos Malaysia", ""},
    NationalPost{"MZ", "correios_mocambique", "Correios de Moçambique", ""},
    NationalPost{"NA", "nampost", "NamPost", ""},
    NationalPost{"NC", "opt_nouvelle_caledonie", "OPT Nouvelle-Calédonie", ""},
    NationalPost{"NE", "niger_poste", "Niger Poste", ""},
    NationalPost{"NG", "nipost", "NIPOST (Nigeria)", ""},
    NationalPost{"NI", "correos_nicaragua", "Correos de Nicaragua", ""},
    NationalPost{"NO", "posten_norge", "Posten Norge", ""},
    NationalPost{"NP", "nepal_post", "Nepal Post", ""},
    NationalPost{"NR", "nauru_post", "Nauru Post", ""},
    NationalPost{"NZ", "nz_post", "NZ Post", ""},
    NationalPost{"OM", "oman_post", "Oman Post", ""},
    NationalPost{"PA", "correos_panama", "Correos de Panamá", ""},
    NationalPost{"PE", "serpost", "Serpost (Peru)", ""},
    NationalPost{"PF", "opt_polynesie", "OPT Polynésie française", ""},
    NationalPost{"PG", "post_png", "Post PNG", ""},
    NationalPost{"PH", "phlpost", "PHLPost", ""},
    NationalPost{"PK", "pakistan_post", "Pakistan Post", ""},
    NationalPost{"PL", "poczta_polska", "Poczta Polska", ""},
    NationalPost{"PS", "palestine_post", "Palestine Post", ""},
    NationalPost{"PT", "ctt", "CTT Correios de Portugal", ""},
    NationalPost{"PY", "correo_paraguayo", "Correo Paraguayo", ""},
    NationalPost{"QA", "qatar_post", "Qatar Post", ""},
    NationalPost{"RO", "posta_romana", "Poșta Română", ""},
    NationalPost{"RS", "posta_srbije", "Pošta Srbije", ""},
    NationalPost{"RU", "russian_post", "Russian Post", ""},
    NationalPost{"RW", "rwanda_post", "Iposita Rwanda", ""},
    NationalPost{"SA", "saudi_post", "Saudi Post (SPL)", ""},
    NationalPost{"SB", "solomon_post", "Solomon Islands Postal Corporation", ""},
    NationalPost{"SC", "seychelles_post", "Seychelles Post", ""},
    NationalPost{"SD", "sudapost", "Sudapost", ""},
    NationalPost{"SE", "postnord", "PostNord", ""},
    NationalPost{"SG", "singapore_post", "Singapore Post", "Singapore Post"},
    NationalPost{"SI", "posta_slovenije", "Pošta Slovenije", ""},
    NationalPost{"SK", "slovenska_posta", "Slovenská pošta", ""},
    NationalPost{"SL", "sierra_leone_post", "Sierra Leone Postal Services", ""},
    NationalPost{"SM", "poste_san_marino", "Poste San Marino", ""},
    NationalPost{"SN", "la_poste_senegal", "La Poste du Sénégal", ""},
    NationalPost{"SO", "somali_post", "Somali Postal Service", ""},
    NationalPost{"SR", "surpost", "Surpost (Suriname)", ""},
    NationalPost{"SS", "south_sudan_post", "South Sudan Postal Service", ""},
    NationalPost{"ST", "correios_sao_tome", "Correios de São Tomé e Príncipe", ""},
    NationalPost{"SV", "correos_el_salvador", "Correos de El Salvador", ""},
    NationalPost{"SX", "postal_services_sint_maarten", "Postal Services Sint Maarten", ""},
    NationalPost{"SY", "syrian_post", "Syrian Post", ""},
    NationalPost{"SZ", "eswatini_post", "Eswatini Post", ""},
    NationalPost{"TD", "chad_post", "Société Tchadienne des Postes", ""},
    NationalPost{"TG", "togo_post", "Société des Postes du Togo", ""},
    NationalPost{"TH", "thailand_post", "Thailand Post", ""},
    NationalPost{"TJ", "tajik_post", "Pochtai Tojik (Tajikistan)", ""},
    NationalPost{"TL", "timor_leste_post", "Correios de Timor-Leste", ""},
    NationalPost{"TM", "turkmenpost", "Türkmenpoçta", ""},
    NationalPost{"TN", "la_poste_tunisienne", "La Poste Tunisienne", ""},
    NationalPost{"TO", "tonga_post", "Tonga Post", ""},
    NationalPost{"TR", "ptt", "PTT (Türkiye)", ""},
    NationalPost{"TT", "ttpost", "TTPost (Trinidad and Tobago)", ""},
    NationalPost{"TV", "tuvalu_post", "Tuvalu Philatelic and Postal Services", ""},
    NationalPost{"TW", "chunghwa_post", "Chunghwa Post", ""},
    NationalPost{"TZ", "tanzania_post", "Tanzania Posts Corporation", ""},
    NationalPost{"UA", "ukrposhta", "Ukrposhta", ""},
    NationalPost{"UG", "posta_uganda", "Posta Uganda", ""},
    NationalPost{"UY", "correo_uruguayo", "Correo Uruguayo", ""},
    NationalPost{"UZ", "uzbekistan_post", "O'zbekiston pochtasi (Uzbekistan Post)", ""},
    NationalPost{"VA", "poste_vaticane", "Poste Vaticane", ""},
    NationalPost{"VC", "st_vincent_post", "St Vincent and the Grenadines Postal Corporation", ""},
    NationalPost{"VE", "ipostel", "Ipostel (Venezuela)", ""},
    NationalPost{"VN", "vietnam_post", "Vietnam Post", ""},
    NationalPost{"VU", "vanuatu_post", "Vanuatu Post", ""},
    NationalPost{"WS", "samoa_post", "Samoa Post", ""},
    NationalPost{"YE", "yemen_post", "Yemen Post", ""},
    NationalPost{"ZA", "sapo", "South African Post Office", ""},
    NationalPost{"ZM", "zampost", "Zampost (Zambia)", ""},
    NationalPost{"ZW", "zimpost", "Zimpost (Zimbabwe)", ""},
};

} // namespace

std::vector<CarrierSpec> national_posts() {
    std::vector<CarrierSpec> posts;
    for (const auto& post : k_posts) {
        auto same = std::find_if(posts.begin(), posts.end(), [&](const CarrierSpec& spec) {
            return spec.code == post.code;
        });
        if (same == posts.end()) {
            CarrierSpec spec{.code = std::string(post.code),
                             .name = std::string(post.name),
                             .tracking_url = "https://www.17track.net/en/track?nums=%s"};
            if (!post.marketplace_name.empty()) {
                spec.marketplace_names.emplace_back(post.marketplace_name);
            }
            same = posts.insert(posts.end(), std::move(spec));
        }
        std::string id = "s10_";
        std::transform(post.country.begin(),
                       post.country.end(),
                       std::back_inserter(id),
                       [](char c) { return static_cast<char>(c - 'A' + 'a'); });
        same->formats.push_back(
            s10_format(std::move(id), std::string(post.name) + " (S10)", post.country));
    }
    return posts;
}

} // namespace vtrguard::carriers::builtin
