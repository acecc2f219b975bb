#pragma once
// Answers imported from other channels (store/channel_store.h) as verification hands them on:
// one accepted FormResult per response, marked with its channel, so that the tallies count them
// exactly as they count a paper form's answers (reports/indexes.h). They are their own category:
// no form code was issued, no page scanned, and they are not checked against the sample list.

#include <vector>

#include "core/survey.h"
#include "store/channel_store.h"
#include "verify/verdict.h"

namespace phieu {

// One form per response, in the order given: code "CHANNEL:EXTERNAL-ID", its unit and date, no sample id
// and no collector, verdict accepted, and an answer for every item of `items` but free text, in
// that order: the options imported (kAnswered), left blank (kBlank), or kMissing for an item
// the channel does not ask (left out of every denominator, as a page that did not come back).
std::vector<FormResult> ChannelForms(const std::vector<AnswerItem>& items,
                                     const std::vector<StoredChannelResponse>& responses);

}  // namespace phieu
