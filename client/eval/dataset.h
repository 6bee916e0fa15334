// The evaluator's internal form of a dataset, whatever file format it came
// from: a dense item table, training sessions of typed events in time order,
// and next-item test cases (a prefix of clicks and the item clicked next).
#ifndef RANKER_CLIENT_EVAL_DATASET_H_
#define RANKER_CLIENT_EVAL_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace ranker::eval {

// An item's position in Dataset::items. Dense from 0; kNoItem for "none".
using ItemIdx = int32_t;
inline constexpr ItemIdx kNoItem = -1;

// What a user did to an item, in the datasets' vocabulary. Each maps onto one
// ranker.v1.EventType (replay.cc).
enum class EventKind : uint8_t {
  kClick,      // sessions format, retailrocket "view", taobao "pv"
  kAddToCart,  // retailrocket "addtocart", taobao "cart"
  kPurchase,   // retailrocket "transaction", taobao "buy"
  kFavorite,   // taobao "fav"
};

// "click", "add_to_cart", "purchase", "favorite".
absl::string_view EventKindName(EventKind kind);

struct SessionEvent {
  ItemIdx item = kNoItem;
  EventKind kind = EventKind::kClick;
};

// One user's session: its events in time order.
struct Session {
  std::vector<SessionEvent> events;
};

// The items of the session's click events, in order: what a next-click
// prediction sees (add-to-cart, purchase and favourite events are context
// for training only).
std::vector<ItemIdx> ClickSequence(const Session& session);

// A next-item case: the clicks so far (oldest first) and the item clicked
// next.
struct TestCase {
  std::vector<ItemIdx> prefix;
  ItemIdx label = kNoItem;
};

// What the catalog knows of an item.
struct Item {
  std::string id;                 // the dataset's id, used as product_id
  std::string category;           // empty when the dataset has none
  std::vector<std::string> tags;  // product tags, at most 64, no duplicates
};

struct Dataset {
  std::string format;       // "sessions", "retailrocket" or "taobao"
  std::vector<Item> items;  // indexed by ItemIdx
  std::vector<Session> train;
  std::vector<TestCase> test;
};

// Assigns dense indices to item ids in order of first sight.
class ItemTable {
 public:
  // Indexes the items already in `items`; new ones are appended to it.
  explicit ItemTable(std::vector<Item>* items);

  // The index of `id`, adding a new item if it is new.
  ItemIdx Intern(absl::string_view id);
  // The index of `id`, or kNoItem.
  ItemIdx Find(absl::string_view id) const;

 private:
  std::vector<Item>* items_;
  absl::flat_hash_map<std::string, ItemIdx> index_;
};

// OK when `id` can be a product id: 1..128 bytes, no control characters.
absl::Status ValidateItemId(absl::string_view id);

// Number of events over all training sessions.
size_t CountTrainEvents(const Dataset& dataset);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_DATASET_H_
