// Reserved places in a ranked list: rerankers that guarantee some products a
// place among the first `head` (the request's count) move them to the end of
// the head, displacing the lowest-ranked products that no earlier
// reservation placed there.
#ifndef RANKER_CORE_PIPELINE_HEAD_SLOTS_H_
#define RANKER_CORE_PIPELINE_HEAD_SLOTS_H_

#include <vector>

#include "core/pipeline/candidate.h"

namespace ranker {

// Products in [0, head) that an earlier reservation did not place there:
// how many places a new reservation may still take.
size_t DisplaceableInHead(const std::vector<Candidate>& ranked, size_t head);

// Moves the candidates at positions `picks` (each at or after `head`,
// distinct, in the order they should appear) into the head, marking them
// promoted. They take the place of the lowest-ranked displaceable products
// of the head, which move to just after the head in their order; the rest
// keeps its order. At most DisplaceableInHead() picks are used (the first
// ones). `head` is clamped to the list's length.
void PromoteIntoHead(std::vector<Candidate>& ranked, size_t head,
                     const std::vector<size_t>& picks);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_HEAD_SLOTS_H_
