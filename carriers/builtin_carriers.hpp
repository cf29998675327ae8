#pragma once

#include <vtrguard/carriers/format_spec.hpp>

#include <string>
#include <string_view>
#include <vector>

// One function per carrier file; builtin.cpp lists them.
namespace vtrguard::carriers::builtin {

CarrierSpec amazon();
CarrierSpec australia_post();
CarrierSpec best_express();
CarrierSpec cainiao();
CarrierSpec canada_post();
CarrierSpec canpar();
CarrierSpec china_post();
CarrierSpec deutsche_post();
CarrierSpec dhl();
CarrierSpec dhl_paket();
CarrierSpec dpd();
CarrierSpec fedex();
CarrierSpec fourpx();
CarrierSpec gls();
CarrierSpec gofo();
CarrierSpec hermes();
CarrierSpec japan_post();
CarrierSpec jt_express();
CarrierSpec la_poste();
CarrierSpec landmark();
CarrierSpec lasership();
CarrierSpec old_dominion();
CarrierSpec ontrac();
CarrierSpec postal();
CarrierSpec postnl();
CarrierSpec purolator();
CarrierSpec royal_mail();
CarrierSpec sagawa();
CarrierSpec sf_express();
CarrierSpec speedee();
CarrierSpec ups();
CarrierSpec usps();
CarrierSpec yamato();
CarrierSpec yanwen();
CarrierSpec yodel();
CarrierSpec yto();
CarrierSpec yunexpress();
CarrierSpec zto();

// The national posts of UPU members without a file of their own, one S10 format each.
std::vector<CarrierSpec> national_posts();

// The check spec shared by every UPU S10 number: 2 letters, 8 digits, check, 2 letters.
CheckSpec s10_check_spec();

// A national post's S10 format: its own country suffix as a literal, so it reads as more
// specific than the catch-all `upu_s10`.
FormatSpec s10_format(std::string id, std::string service, std::string_view country);

} // namespace vtrguard::carriers::builtin
