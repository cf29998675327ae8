#pragma once

#include <vtrguard/carriers/format_spec.hpp>

// One function per carrier file; builtin.cpp lists them.
namespace vtrguard::carriers::builtin {

CarrierSpec amazon();
CarrierSpec canada_post();
CarrierSpec canpar();
CarrierSpec dhl();
CarrierSpec dpd();
CarrierSpec fedex();
CarrierSpec gofo();
CarrierSpec landmark();
CarrierSpec lasership();
CarrierSpec old_dominion();
CarrierSpec ontrac();
CarrierSpec postal();
CarrierSpec purolator();
CarrierSpec speedee();
CarrierSpec ups();
CarrierSpec usps();
CarrierSpec yodel();
CarrierSpec yunexpress();

// The check spec shared by every UPU S10 number: 2 letters, 8 digits, check, 2 letters.
CheckSpec s10_check_spec();

} // namespace vtrguard::carriers::builtin
