#!/usr/bin/env python3
"""Generates the bundled demo catalog of the Interest Ranker.

The server loads deploy/demo/catalog.jsonl by default so that a freshly
started instance has something realistic to rank: about 2,000 products of an
interest e-commerce shop, where products are discovered inside a feed of short
videos and live streams by matching what people are interested in.

Interests deliberately cut across the category tree, as they do in real
interest e-commerce: a portable electric kettle lives in home/kitchen/kettles
but carries "business-travel", "portable" and "travel", so a person who
watches business-travel videos can discover it next to suitcases, travel
adapters and wrinkle-free shirts.

The output is deterministic byte for byte: everything random comes from one
random.Random seeded with a fixed value, and only ordered containers are
iterated. Run with --check to verify that a committed catalog is up to date.

Usage:
  python3 deploy/demo/generate_catalog.py --output deploy/demo/catalog.jsonl
  python3 deploy/demo/generate_catalog.py --check deploy/demo/catalog.jsonl
"""

import argparse
import json
import pathlib
import random
import re
import sys
from typing import NamedTuple, Optional

SEED = 20261124
DEFAULT_COUNT = 2000
MAX_COUNT = 100000  # Ids have five digits.
SHOP_COUNT = 120
MAX_TITLE_CHARS = 100
MIN_TAGS = 4
MAX_TAGS = 10

# Shares of products whose status or campaign flag is not the default.
OUT_OF_STOCK_SHARE = 0.02
BANNED_SHARE = 0.005
CAMPAIGN_SHARE = 0.05
# Creators: CREATOR_COUNT creators (c01, c02, ...), each covering
# CREATOR_CATEGORIES categories; a product shown through short videos or live
# streams is featured by one or two creators of its category with this share.
CREATOR_COUNT = 40
CREATOR_CATEGORIES = 2
CREATOR_SHARE = 0.5
# Share of titles with a qualifier, for kinds that have no own qualifiers.
QUALIFIER_SHARE = 0.8
# Share of colourable products whose title names a colour.
COLOR_SHARE = 0.5
# Share of products whose audience is a preferred one of their kind or
# subcategory rather than any of their category.
PREFERRED_AUDIENCE_SHARE = 0.8
# Share of products with one more, weak interest of their category.
EXTRA_INTEREST_SHARE = 0.35
# Random spread added to each interest's base weight.
INTEREST_JITTER = 0.05
# Weight ranges of the secondary tags.
EXTRA_INTEREST_WEIGHTS = (0.25, 0.45)
STYLE_WEIGHTS = (0.35, 0.65)
AUDIENCE_WEIGHTS = (0.4, 0.7)
# Share of shops that also sell in a second, related category.
SECOND_CATEGORY_SHARE = 0.3
# How much of a shop's size goes to its second category.
SECOND_CATEGORY_FACTOR = 0.4

FORMS = ("short_video", "live_stream", "product_card")

# Upper price bounds (exclusive) of each band; above the last is "premium".
PRICE_BANDS = ((20.0, "low"), (60.0, "mid"), (150.0, "high"))
PREMIUM_BAND = "premium"
# Bands in which a product may have the luxury style.
LUXURY_BANDS = ("high", "premium")
PRICE_TAG_WEIGHT = 0.4
# Price endings a shop would use, with how often they occur.
PRICE_ENDINGS = ((0.99, 4), (0.9, 4), (0.5, 1), (0.0, 1))

COLORS = ("Black", "White", "Navy", "Grey", "Beige", "Olive", "Sage Green",
          "Dusty Pink", "Sky Blue", "Burgundy", "Sand", "Charcoal")

# Title qualifiers that also say something a person may be interested in.
QUALIFIER_TAGS = {
    "Foldable": ("portable", 0.8),
    "Collapsible": ("portable", 0.8),
    "Portable": ("portable", 0.9),
    "Ultralight": ("portable", 0.7),
    "Mini": ("portable", 0.6),
    "Pocket": ("portable", 0.7),
    "Eco-Friendly": ("eco-friendly", 0.7),
    "Recycled": ("eco-friendly", 0.6),
    "Bamboo": ("eco-friendly", 0.6),
    "Organic": ("organic", 0.7),
    "Gift Box": ("gift", 0.7),
}

# Title qualifiers that decide the product's style.
QUALIFIER_STYLES = {
    "Minimalist": "minimalist",
    "Nordic": "minimalist",
    "Vintage": "vintage",
    "Retro": "vintage",
    "Classic": "classic",
    "Luxury": "luxury",
    "Premium": "luxury",
    "Cute": "cute",
    "Pastel": "cute",
    "Sporty": "sporty",
    "Modern": "modern",
}

# Title qualifiers that make a product dearer.
PREMIUM_QUALIFIERS = ("Luxury", "Premium")
PREMIUM_PRICE_FACTOR = 1.3


class Kind(NamedTuple):
    """One kind of product and how to dress it up.

    Attributes:
      name: Base title, e.g. "Travel Kettle".
      price: (low, high) realistic price range.
      interests: Interest tag -> base weight; the first ones are the main
        interests (weight 0.5..1.0).
      variants: Sizes or capacities appended to the title, smallest first;
        a larger variant costs more.
      qualifiers: Title prefixes; empty means the category's.
      audiences: Preferred audience tags; empty means the subcategory's.
      styles: Styles to pick from; empty means the category's.
      repurchase: Repurchase cycles in days; empty means a durable good.
      colored: Whether a colour is sometimes appended to the title.
    """
    name: str
    price: tuple
    interests: dict
    variants: tuple = ()
    qualifiers: tuple = ()
    audiences: tuple = ()
    styles: tuple = ()
    repurchase: tuple = ()
    colored: bool = False


class Subcategory(NamedTuple):
    """A leaf of the category tree.

    Attributes:
      path: Category path from the root, 2 or 3 segments.
      tag: The subcategory as a tag, e.g. "kettle".
      kinds: Kinds of product sold under it.
      audiences: Preferred audience tags of kinds that name none.
    """
    path: tuple
    tag: str
    kinds: tuple
    audiences: tuple = ()


class Category(NamedTuple):
    """A top-level category.

    Attributes:
      name: The root segment of the category path.
      weight: Products per 2,000 in the catalog.
      qualifiers: Default title qualifiers.
      styles: Default styles.
      audiences: Audiences a product of the category may target.
      extra_interests: Interests sometimes added with a low weight.
      forms: Probability of each of FORMS.
      subcategories: The category's leaves.
    """
    name: str
    weight: int
    qualifiers: tuple
    styles: tuple
    audiences: tuple
    extra_interests: tuple
    forms: tuple
    subcategories: tuple


# Short-hands for repurchase cycles in days.
WEEKLY_TO_MONTHLY = (7, 14, 30)
FORTNIGHTLY_TO_MONTHLY = (14, 30)
MONTHLY = (30, 60)
QUARTERLY = (60, 90)
SUPPLEMENT = (30, 60, 90)

TRAVEL = Category(
    name="travel",
    weight=150,
    qualifiers=("Lightweight", "Classic", "Premium", "Minimalist", "Durable",
                "Recycled", "Everyday"),
    styles=("minimalist", "classic", "sporty", "luxury"),
    audiences=("business-traveller", "backpacker", "family", "student"),
    extra_interests=("outdoor", "gift", "minimalist", "weekend-trip"),
    forms=(0.75, 0.35, 0.8),
    subcategories=(
        Subcategory(("travel", "luggage", "carry-on"), "carry-on", (
            Kind("Carry-On Spinner Suitcase", (79.0, 259.0),
                 {"travel": 0.9, "business-travel": 0.8},
                 variants=("18 in", "20 in", "22 in"),
                 audiences=("business-traveller",), colored=True),
            Kind("Hard-Shell Cabin Trolley", (69.0, 219.0),
                 {"travel": 0.9, "business-travel": 0.7, "weekend-trip": 0.6},
                 variants=("20 in", "22 in"), colored=True),
            Kind("Underseat Cabin Bag", (39.0, 99.0),
                 {"travel": 0.9, "budget-travel": 0.7, "portable": 0.6},
                 audiences=("backpacker", "student"), colored=True),
        )),
        Subcategory(("travel", "luggage", "checked"), "suitcase", (
            Kind("Large Checked Suitcase", (99.0, 329.0),
                 {"travel": 0.9, "family-travel": 0.6},
                 variants=("24 in", "26 in", "28 in"),
                 audiences=("family",), colored=True),
            Kind("Expandable Family Suitcase", (109.0, 289.0),
                 {"travel": 0.9, "family-travel": 0.8},
                 variants=("26 in", "28 in", "30 in"),
                 audiences=("family", "parent"), colored=True),
        )),
        Subcategory(("travel", "bags", "backpacks"), "travel-backpack", (
            Kind("Laptop Travel Backpack", (45.0, 139.0),
                 {"business-travel": 0.9, "travel": 0.7, "office": 0.6},
                 variants=("25 L", "30 L", "35 L"),
                 audiences=("business-traveller",), colored=True),
            Kind("Anti-Theft City Backpack", (39.0, 99.0),
                 {"travel": 0.8, "city-break": 0.7, "commute": 0.5},
                 audiences=("student",), colored=True),
            Kind("Packable Daypack", (19.0, 49.0),
                 {"travel": 0.8, "hiking": 0.6, "portable": 0.8},
                 variants=("18 L", "20 L", "25 L"),
                 qualifiers=("Ultralight", "Foldable", "Pocket", "Recycled"),
                 audiences=("backpacker",), colored=True),
        )),
        Subcategory(("travel", "accessories", "organizers"),
                    "packing-organizer", (
            Kind("Packing Cube Set", (14.0, 39.0),
                 {"travel": 0.9, "home-organization": 0.5,
                  "minimalist": 0.5},
                 variants=("4 pcs", "6 pcs", "8 pcs"), colored=True),
            Kind("Hanging Toiletry Bag", (12.0, 35.0),
                 {"travel": 0.9, "business-travel": 0.6, "self-care": 0.4},
                 colored=True),
            Kind("Tech Cable Organizer Pouch", (12.0, 29.0),
                 {"business-travel": 0.9, "travel": 0.7, "gadgets": 0.5},
                 audiences=("business-traveller",), colored=True),
        )),
        Subcategory(("travel", "accessories", "comfort"), "travel-comfort", (
            Kind("Memory Foam Neck Pillow", (15.0, 45.0),
                 {"travel": 0.9, "business-travel": 0.7, "sleep": 0.6},
                 colored=True),
            Kind("Contoured Sleep Eye Mask", (8.0, 25.0),
                 {"travel": 0.8, "sleep": 0.8, "business-travel": 0.5}),
            Kind("Compression Travel Socks", (9.0, 24.0),
                 {"travel": 0.8, "business-travel": 0.6, "wellness": 0.5},
                 variants=("S/M", "L/XL"), colored=True),
        )),
        Subcategory(("travel", "accessories", "security"), "travel-security", (
            Kind("TSA Luggage Lock", (8.0, 24.0),
                 {"travel": 0.9, "business-travel": 0.6},
                 variants=("1 pc", "2 pcs"), colored=True),
            Kind("Leather Luggage Tag Set", (9.0, 29.0),
                 {"travel": 0.8, "gift": 0.5},
                 qualifiers=("Vintage", "Classic", "Minimalist"),
                 colored=True),
            Kind("RFID Passport Wallet", (15.0, 49.0),
                 {"travel": 0.9, "business-travel": 0.7},
                 audiences=("business-traveller",), colored=True),
        )),
    ),
)

HOME = Category(
    name="home",
    weight=220,
    qualifiers=("Classic", "Modern", "Nordic", "Everyday", "Premium",
                "Eco-Friendly", "Retro", "Minimalist"),
    styles=("minimalist", "classic", "modern", "vintage", "cute"),
    audiences=("homeowner", "renter", "parent", "newlywed"),
    extra_interests=("cozy-home", "gift", "eco-friendly", "small-space"),
    forms=(0.7, 0.45, 0.85),
    subcategories=(
        Subcategory(("home", "kitchen", "kettles"), "kettle", (
            Kind("Electric Kettle", (19.0, 69.0),
                 {"cooking": 0.6, "tea": 0.7, "coffee": 0.5},
                 variants=("1.5 L", "1.7 L"), colored=True),
            Kind("Travel Kettle", (24.0, 59.0),
                 {"portable": 0.9, "business-travel": 0.8, "travel": 0.7},
                 variants=("0.5 L", "0.6 L", "0.8 L"),
                 qualifiers=("Foldable", "Portable", "Collapsible", "Mini",
                             "Compact"),
                 audiences=("business-traveller", "student"),
                 styles=("minimalist", "modern"), colored=True),
            Kind("Portable Electric Kettle", (22.0, 55.0),
                 {"portable": 0.9, "business-travel": 0.8, "travel": 0.8,
                  "tea": 0.4},
                 variants=("0.5 L", "0.6 L"),
                 qualifiers=("Dual-Voltage", "Compact", "Stainless Steel",
                             "Silicone"),
                 audiences=("business-traveller",),
                 styles=("minimalist", "modern")),
            Kind("Gooseneck Pour-Over Kettle", (29.0, 119.0),
                 {"coffee": 0.9, "tea": 0.5, "slow-living": 0.5},
                 variants=("0.8 L", "1 L"),
                 audiences=("coffee-lover",), colored=True),
        ), audiences=("home-cook",)),
        Subcategory(("home", "kitchen", "cookware"), "cookware", (
            Kind("Nonstick Frying Pan", (19.0, 79.0),
                 {"cooking": 0.9, "healthy-eating": 0.4},
                 variants=("24 cm", "28 cm", "30 cm")),
            Kind("Cast Iron Skillet", (24.0, 89.0),
                 {"cooking": 0.9, "camping": 0.4},
                 variants=("20 cm", "26 cm")),
            Kind("Stainless Steel Pot Set", (49.0, 229.0),
                 {"cooking": 0.9},
                 variants=("3 pcs", "5 pcs", "8 pcs")),
            Kind("Springform Cake Pan", (9.0, 29.0),
                 {"baking": 0.9, "cooking": 0.4},
                 variants=("20 cm", "24 cm")),
            Kind("Silicone Baking Mat Set", (9.0, 25.0),
                 {"baking": 0.9, "eco-friendly": 0.5},
                 variants=("2 pcs", "3 pcs")),
        ), audiences=("home-cook",)),
        Subcategory(("home", "kitchen", "appliances"), "kitchen-appliance", (
            Kind("Air Fryer", (49.0, 169.0),
                 {"cooking": 0.9, "healthy-eating": 0.7},
                 variants=("3.5 L", "4.5 L", "5.5 L"), colored=True),
            Kind("Stand Mixer", (89.0, 399.0),
                 {"baking": 0.9, "cooking": 0.5},
                 variants=("4.5 L", "5.5 L"), colored=True),
            Kind("Portable Blender", (19.0, 49.0),
                 {"fitness": 0.7, "portable": 0.9, "healthy-eating": 0.6,
                  "travel": 0.5},
                 variants=("350 ml", "500 ml"),
                 qualifiers=("USB-C", "Cordless", "Mini", "Compact"),
                 audiences=("athlete", "student"), colored=True),
            Kind("Drip Coffee Maker", (29.0, 149.0),
                 {"coffee": 0.9, "office": 0.4},
                 variants=("6 cups", "10 cups", "12 cups"),
                 audiences=("coffee-lover",), colored=True),
            Kind("Espresso Machine", (129.0, 599.0),
                 {"coffee": 1.0, "slow-living": 0.4},
                 audiences=("coffee-lover",)),
        ), audiences=("home-cook",)),
        Subcategory(("home", "decor"), "home-decor", (
            Kind("Scented Soy Candle", (12.0, 39.0),
                 {"cozy-home": 0.9, "self-care": 0.6, "gift": 0.5},
                 variants=("180 g", "300 g"), repurchase=MONTHLY),
            Kind("Linen Throw Pillow Cover", (9.0, 29.0),
                 {"cozy-home": 0.9, "interior-design": 0.6},
                 variants=("45 x 45 cm", "50 x 50 cm"), colored=True),
            Kind("Ceramic Bud Vase", (12.0, 45.0),
                 {"interior-design": 0.8, "minimalist": 0.6},
                 colored=True),
            Kind("LED Fairy String Lights", (9.0, 29.0),
                 {"cozy-home": 0.8, "camping": 0.4},
                 variants=("5 m", "10 m")),
        )),
        Subcategory(("home", "bedding"), "bedding", (
            Kind("Weighted Blanket", (49.0, 149.0),
                 {"sleep": 0.9, "cozy-home": 0.8, "wellness": 0.5},
                 variants=("5 kg", "7 kg", "9 kg"), colored=True),
            Kind("Cotton Duvet Cover Set", (39.0, 129.0),
                 {"cozy-home": 0.8, "sleep": 0.6},
                 variants=("Single", "Double", "King"), colored=True),
            Kind("Memory Foam Pillow", (29.0, 89.0),
                 {"sleep": 0.9, "wellness": 0.5}),
            Kind("Mulberry Silk Pillowcase", (19.0, 59.0),
                 {"sleep": 0.7, "skincare": 0.5, "self-care": 0.6,
                  "gift": 0.5},
                 colored=True),
        )),
        Subcategory(("home", "storage"), "storage", (
            Kind("Stackable Storage Bins", (15.0, 45.0),
                 {"home-organization": 0.9, "minimalist": 0.7,
                  "small-space": 0.6},
                 variants=("3 pcs", "6 pcs"), colored=True),
            Kind("Bamboo Drawer Organizer Set", (12.0, 35.0),
                 {"home-organization": 0.9, "eco-friendly": 0.6,
                  "minimalist": 0.6},
                 variants=("4 pcs", "8 pcs")),
            Kind("Over-Door Shoe Rack", (15.0, 39.0),
                 {"home-organization": 0.8, "small-space": 0.8},
                 audiences=("renter",)),
        )),
    ),
)

BEAUTY = Category(
    name="beauty",
    weight=200,
    qualifiers=("Gentle", "Daily", "Clean", "Vegan", "Fragrance-Free",
                "Luxury", "Eco-Friendly"),
    styles=("minimalist", "luxury", "cute", "natural"),
    audiences=("skincare-enthusiast", "beginner", "student", "busy-parent"),
    extra_interests=("self-care", "gift", "clean-beauty"),
    forms=(0.8, 0.7, 0.6),
    subcategories=(
        Subcategory(("beauty", "skincare", "moisturizers"), "moisturizer", (
            Kind("Hydrating Face Cream", (14.0, 69.0),
                 {"skincare": 0.9, "self-care": 0.6},
                 variants=("30 ml", "50 ml"), repurchase=MONTHLY),
            Kind("Oil-Free Gel Moisturizer", (12.0, 49.0),
                 {"skincare": 0.9, "fitness": 0.3},
                 variants=("50 ml", "75 ml"), repurchase=MONTHLY),
            Kind("Barrier Repair Night Cream", (19.0, 89.0),
                 {"skincare": 0.9, "sleep": 0.4, "self-care": 0.6},
                 variants=("30 ml", "50 ml"), repurchase=MONTHLY),
        ), audiences=("skincare-enthusiast",)),
        Subcategory(("beauty", "skincare", "serums"), "serum", (
            Kind("Vitamin C Brightening Serum", (15.0, 79.0),
                 {"skincare": 1.0, "self-care": 0.5},
                 variants=("15 ml", "30 ml"), repurchase=MONTHLY),
            Kind("Hyaluronic Acid Serum", (12.0, 59.0),
                 {"skincare": 1.0},
                 variants=("30 ml", "50 ml"), repurchase=MONTHLY),
            Kind("Retinol Night Serum", (18.0, 89.0),
                 {"skincare": 1.0, "anti-aging": 0.7},
                 variants=("15 ml", "30 ml"), repurchase=MONTHLY),
        ), audiences=("skincare-enthusiast",)),
        Subcategory(("beauty", "skincare", "sun-care"), "sunscreen", (
            Kind("SPF 50 Mineral Sunscreen", (12.0, 39.0),
                 {"skincare": 0.8, "outdoor": 0.6, "beach": 0.6},
                 variants=("50 ml", "100 ml"), repurchase=MONTHLY),
            Kind("SPF 50 Sunscreen Stick", (10.0, 29.0),
                 {"skincare": 0.7, "travel": 0.6, "portable": 0.7,
                  "outdoor": 0.6},
                 variants=("15 g", "20 g"), repurchase=MONTHLY),
        ), audiences=("skincare-enthusiast", "outdoor-enthusiast")),
        Subcategory(("beauty", "makeup"), "makeup", (
            Kind("Matte Liquid Lipstick", (8.0, 35.0),
                 {"makeup": 0.9, "gift": 0.4}, repurchase=QUARTERLY,
                 colored=True),
            Kind("Dewy Cushion Foundation", (15.0, 59.0),
                 {"makeup": 0.9, "skincare": 0.4}, repurchase=QUARTERLY),
            Kind("Eyeshadow Palette", (12.0, 65.0),
                 {"makeup": 1.0, "gift": 0.4},
                 variants=("9 shades", "12 shades", "18 shades"),
                 qualifiers=("Pastel", "Nude", "Vegan", "Luxury", "Cute")),
            Kind("Volumizing Mascara", (8.0, 32.0),
                 {"makeup": 0.9}, repurchase=QUARTERLY),
        ), audiences=("makeup-lover",)),
        Subcategory(("beauty", "travel-size"), "travel-size", (
            Kind("Travel Toiletry Bottle Set", (9.0, 29.0),
                 {"travel": 0.9, "business-travel": 0.7, "portable": 0.8},
                 variants=("4 pcs", "6 pcs"),
                 qualifiers=("Leak-Proof", "Silicone", "TSA-Approved",
                             "Refillable"),
                 audiences=("business-traveller", "backpacker")),
            Kind("Mini Skincare Travel Kit", (15.0, 49.0),
                 {"travel": 0.8, "skincare": 0.8, "business-travel": 0.6,
                  "gift": 0.5},
                 variants=("4-step", "5-step"), repurchase=MONTHLY,
                 audiences=("business-traveller",)),
            Kind("Solid Shampoo Bar", (7.0, 19.0),
                 {"haircare": 0.8, "eco-friendly": 0.8, "travel": 0.7,
                  "zero-waste": 0.6},
                 variants=("60 g", "90 g"), repurchase=MONTHLY),
        )),
        Subcategory(("beauty", "haircare"), "haircare", (
            Kind("Argan Oil Hair Mask", (9.0, 35.0),
                 {"haircare": 0.9, "self-care": 0.6},
                 variants=("200 ml", "500 ml"), repurchase=MONTHLY),
            Kind("Ionic Hair Dryer", (35.0, 199.0),
                 {"haircare": 0.9},
                 qualifiers=("Salon-Grade", "Lightweight", "Quiet", "Premium"),
                 colored=True),
            Kind("Compact Travel Hair Dryer", (19.0, 59.0),
                 {"haircare": 0.7, "travel": 0.8, "business-travel": 0.6,
                  "portable": 0.8},
                 qualifiers=("Foldable", "Dual-Voltage", "Mini"),
                 audiences=("business-traveller",), colored=True),
            Kind("Heatless Curling Set", (9.0, 25.0),
                 {"haircare": 0.8, "sleep": 0.3},
                 qualifiers=("Satin", "Silk", "Cute"), colored=True),
        )),
    ),
)

FASHION = Category(
    name="fashion",
    weight=220,
    qualifiers=("Classic", "Vintage", "Minimalist", "Recycled", "Everyday",
                "Premium"),
    styles=("minimalist", "classic", "vintage", "streetwear", "sporty",
            "luxury"),
    audiences=("office-worker", "student", "fashion-lover"),
    extra_interests=("gift", "capsule-wardrobe", "sustainable-fashion"),
    forms=(0.85, 0.65, 0.7),
    subcategories=(
        Subcategory(("fashion", "women", "dresses"), "dress", (
            Kind("Linen Midi Dress", (29.0, 119.0),
                 {"summer-style": 0.8, "capsule-wardrobe": 0.5},
                 variants=("XS", "S", "M", "L", "XL"), colored=True),
            Kind("Jersey Wrap Dress", (25.0, 99.0),
                 {"office": 0.6, "date-night": 0.7},
                 variants=("XS", "S", "M", "L"), colored=True),
            Kind("Knit Sweater Dress", (35.0, 129.0),
                 {"cozy-home": 0.5, "winter-style": 0.8},
                 variants=("S", "M", "L"), colored=True),
        ), audiences=("fashion-lover",)),
        Subcategory(("fashion", "men", "shirts"), "shirt", (
            Kind("Wrinkle-Free Dress Shirt", (29.0, 89.0),
                 {"business-travel": 0.8, "office": 0.8, "travel": 0.5},
                 variants=("S", "M", "L", "XL"),
                 audiences=("business-traveller", "office-worker"),
                 colored=True),
            Kind("Oxford Button-Down Shirt", (25.0, 79.0),
                 {"office": 0.7, "capsule-wardrobe": 0.6},
                 variants=("S", "M", "L", "XL"),
                 qualifiers=("Slim-Fit", "Relaxed-Fit", "Classic", "Organic"),
                 colored=True),
            Kind("Merino Travel Polo", (45.0, 119.0),
                 {"travel": 0.8, "business-travel": 0.6, "hiking": 0.4},
                 variants=("S", "M", "L", "XL"), colored=True),
        ), audiences=("office-worker",)),
        Subcategory(("fashion", "outerwear"), "jacket", (
            Kind("Packable Down Jacket", (59.0, 219.0),
                 {"travel": 0.8, "outdoor": 0.6, "portable": 0.6,
                  "winter-style": 0.5},
                 variants=("S", "M", "L", "XL"), colored=True),
            Kind("Waterproof Rain Shell", (45.0, 179.0),
                 {"outdoor": 0.8, "hiking": 0.6},
                 variants=("S", "M", "L", "XL"), colored=True),
            Kind("Wool Blend Overcoat", (89.0, 349.0),
                 {"office": 0.6, "winter-style": 0.8},
                 variants=("S", "M", "L"), colored=True),
        )),
        Subcategory(("fashion", "shoes"), "shoes", (
            Kind("Leather Sneakers", (49.0, 189.0),
                 {"streetwear": 0.7, "capsule-wardrobe": 0.5},
                 variants=("EU 38", "EU 40", "EU 42", "EU 44"), colored=True),
            Kind("Suede Slip-On Loafers", (45.0, 159.0),
                 {"office": 0.6, "business-travel": 0.4},
                 variants=("EU 39", "EU 41", "EU 43"), colored=True),
            Kind("Lightweight Walking Shoes", (39.0, 129.0),
                 {"travel": 0.7, "walking": 0.8, "comfort": 0.6},
                 variants=("EU 38", "EU 40", "EU 42", "EU 44"), colored=True),
        )),
        Subcategory(("fashion", "accessories", "bags"), "bag", (
            Kind("Crossbody Bag", (19.0, 99.0),
                 {"city-break": 0.6, "streetwear": 0.5},
                 qualifiers=("Quilted", "Minimalist", "Vintage", "Mini"),
                 colored=True),
            Kind("Leather Tote Bag", (39.0, 249.0),
                 {"office": 0.8, "capsule-wardrobe": 0.5},
                 audiences=("office-worker",), colored=True),
            Kind("Travel Sling Bag", (19.0, 69.0),
                 {"travel": 0.8, "business-travel": 0.5, "portable": 0.6},
                 qualifiers=("Anti-Theft", "Water-Resistant", "Lightweight"),
                 colored=True),
        )),
        Subcategory(("fashion", "accessories", "jewelry"), "jewelry", (
            Kind("Sterling Silver Necklace", (19.0, 149.0),
                 {"gift": 0.9, "minimalist": 0.5},
                 qualifiers=("Dainty", "Minimalist", "Vintage", "Recycled")),
            Kind("Freshwater Pearl Stud Earrings", (15.0, 89.0),
                 {"gift": 0.9, "date-night": 0.5},
                 qualifiers=("Classic", "Dainty", "Luxury")),
            Kind("Minimalist Watch", (39.0, 299.0),
                 {"gift": 0.7, "minimalist": 0.8, "office": 0.5},
                 qualifiers=("Classic", "Slim", "Vintage", "Luxury"),
                 colored=True),
        )),
    ),
)

SPORTS = Category(
    name="sports",
    weight=170,
    qualifiers=("Lightweight", "Pro", "Durable", "Recycled", "Everyday"),
    styles=("sporty", "minimalist", "classic"),
    audiences=("athlete", "beginner", "outdoor-enthusiast"),
    extra_interests=("outdoor", "wellness", "gift"),
    forms=(0.85, 0.5, 0.75),
    subcategories=(
        Subcategory(("sports", "fitness"), "fitness-gear", (
            Kind("Adjustable Dumbbell Set", (59.0, 349.0),
                 {"fitness": 0.9, "home-workout": 0.9},
                 variants=("10 kg", "20 kg", "40 kg"),
                 qualifiers=("Quick-Change", "Compact", "Pro")),
            Kind("Resistance Band Set", (9.0, 35.0),
                 {"fitness": 0.9, "home-workout": 0.7, "portable": 0.6,
                  "travel": 0.5},
                 variants=("5 pcs", "11 pcs")),
            Kind("Weighted Jump Rope", (9.0, 29.0),
                 {"fitness": 0.9, "home-workout": 0.6, "portable": 0.5}),
        ), audiences=("athlete", "beginner")),
        Subcategory(("sports", "yoga"), "yoga-gear", (
            Kind("Non-Slip Yoga Mat", (19.0, 89.0),
                 {"yoga": 1.0, "fitness": 0.6, "wellness": 0.5},
                 variants=("4 mm", "6 mm"), colored=True),
            Kind("Foldable Travel Yoga Mat", (25.0, 69.0),
                 {"yoga": 0.9, "travel": 0.7, "portable": 0.8},
                 variants=("1.5 mm", "2 mm"),
                 qualifiers=("Ultralight", "Natural Rubber", "Eco-Friendly"),
                 colored=True),
            Kind("Cork Yoga Block Set", (12.0, 35.0),
                 {"yoga": 0.9, "eco-friendly": 0.5},
                 variants=("2 pcs",)),
        ), audiences=("yogi",)),
        Subcategory(("sports", "running"), "running-gear", (
            Kind("Cushioned Running Shoes", (59.0, 179.0),
                 {"running": 1.0, "fitness": 0.6},
                 variants=("EU 39", "EU 41", "EU 43", "EU 45"), colored=True),
            Kind("Running Belt", (9.0, 29.0),
                 {"running": 0.9, "fitness": 0.5}, colored=True),
            Kind("Reflective Running Vest", (12.0, 39.0),
                 {"running": 0.9, "cycling": 0.5}),
        ), audiences=("runner",)),
        Subcategory(("sports", "outdoor", "camping"), "camping-gear", (
            Kind("Two-Person Dome Tent", (59.0, 299.0),
                 {"camping": 1.0, "outdoor": 0.8},
                 audiences=("outdoor-enthusiast",)),
            Kind("Ultralight Sleeping Bag", (39.0, 199.0),
                 {"camping": 0.9, "hiking": 0.6, "outdoor": 0.5},
                 variants=("+10 C", "0 C", "-5 C"),
                 qualifiers=("Mummy", "Down-Filled", "Compact")),
            Kind("Backpacking Camping Stove", (19.0, 79.0),
                 {"camping": 0.9, "cooking": 0.5, "hiking": 0.6}),
            Kind("Rechargeable Camping Lantern", (15.0, 49.0),
                 {"camping": 0.9, "outdoor": 0.6}),
        ), audiences=("outdoor-enthusiast",)),
        Subcategory(("sports", "outdoor", "hiking"), "hiking-gear", (
            Kind("Carbon Trekking Poles", (29.0, 129.0),
                 {"hiking": 0.9, "outdoor": 0.7},
                 variants=("pair",)),
            Kind("Hydration Backpack", (29.0, 99.0),
                 {"hiking": 0.9, "running": 0.5, "cycling": 0.5},
                 variants=("10 L", "15 L")),
            Kind("Waterproof Hiking Boots", (69.0, 219.0),
                 {"hiking": 1.0, "outdoor": 0.7},
                 variants=("EU 39", "EU 41", "EU 43", "EU 45")),
        ), audiences=("outdoor-enthusiast",)),
        Subcategory(("sports", "cycling"), "cycling-gear", (
            Kind("Ventilated Bike Helmet", (29.0, 149.0),
                 {"cycling": 1.0, "commute": 0.5},
                 variants=("S", "M", "L"), colored=True),
            Kind("USB Bike Light Set", (12.0, 45.0),
                 {"cycling": 0.9, "commute": 0.6}),
            Kind("Padded Cycling Shorts", (19.0, 79.0),
                 {"cycling": 0.9, "fitness": 0.5},
                 variants=("S", "M", "L", "XL"),
                 qualifiers=("Breathable", "Pro", "Sporty")),
        ), audiences=("cyclist",)),
    ),
)

ELECTRONICS = Category(
    name="electronics",
    weight=200,
    qualifiers=("Compact", "Slim", "Pro", "Minimalist", "Premium",
                "Everyday"),
    styles=("minimalist", "modern", "luxury", "sporty"),
    audiences=("tech-enthusiast", "student", "office-worker"),
    extra_interests=("gadgets", "gift", "work-from-home"),
    forms=(0.7, 0.4, 0.9),
    subcategories=(
        Subcategory(("electronics", "audio"), "audio", (
            Kind("Noise-Cancelling Headphones", (59.0, 379.0),
                 {"business-travel": 0.8, "travel": 0.7, "music": 0.7,
                  "focus": 0.5},
                 qualifiers=("Wireless", "Over-Ear", "Foldable", "Premium"),
                 audiences=("business-traveller",), colored=True),
            Kind("True Wireless Earbuds", (25.0, 249.0),
                 {"music": 0.8, "running": 0.5, "commute": 0.6},
                 colored=True),
            Kind("Portable Bluetooth Speaker", (25.0, 159.0),
                 {"music": 0.8, "outdoor": 0.6, "portable": 0.7,
                  "camping": 0.4},
                 colored=True),
        ), audiences=("music-lover", "commuter")),
        Subcategory(("electronics", "charging"), "charging", (
            Kind("Power Bank", (19.0, 79.0),
                 {"portable": 0.9, "travel": 0.8, "business-travel": 0.7},
                 variants=("10000 mAh", "20000 mAh", "26800 mAh"),
                 qualifiers=("Slim", "Fast-Charging", "Magnetic", "Compact"),
                 audiences=("business-traveller",), colored=True),
            Kind("Universal Travel Adapter", (15.0, 49.0),
                 {"travel": 0.9, "business-travel": 0.9, "portable": 0.6},
                 qualifiers=("All-in-One", "Compact", "USB-C", "Worldwide"),
                 audiences=("business-traveller",)),
            Kind("GaN Fast Charger", (19.0, 69.0),
                 {"gadgets": 0.8, "business-travel": 0.6, "portable": 0.6},
                 variants=("30 W", "65 W", "100 W")),
        )),
        Subcategory(("electronics", "computer-accessories"),
                    "computer-accessory", (
            Kind("Foldable Laptop Stand", (19.0, 59.0),
                 {"office": 0.8, "business-travel": 0.6, "portable": 0.7,
                  "work-from-home": 0.6},
                 qualifiers=("Aluminium", "Ultralight", "Adjustable")),
            Kind("Silent Wireless Mouse", (12.0, 59.0),
                 {"office": 0.8, "work-from-home": 0.6}, colored=True),
            Kind("Mechanical Keyboard", (39.0, 179.0),
                 {"gaming": 0.6, "office": 0.6, "productivity": 0.5},
                 variants=("75%", "TKL", "Full-Size"), colored=True),
            Kind("USB-C Hub", (19.0, 79.0),
                 {"office": 0.7, "business-travel": 0.5, "gadgets": 0.6},
                 variants=("6-in-1", "8-in-1", "11-in-1")),
        ), audiences=("office-worker", "remote-worker")),
        Subcategory(("electronics", "smart-home"), "smart-home", (
            Kind("Smart Plug", (9.0, 35.0),
                 {"smart-home": 0.9, "energy-saving": 0.6},
                 variants=("1 pc", "2 pcs", "4 pcs")),
            Kind("Wi-Fi Security Camera", (25.0, 129.0),
                 {"smart-home": 0.9, "pet-care": 0.4, "parenting": 0.4}),
            Kind("Smart LED Bulb", (9.0, 39.0),
                 {"smart-home": 0.8, "cozy-home": 0.6},
                 variants=("1 pc", "2 pcs", "4 pcs")),
        ), audiences=("homeowner",)),
        Subcategory(("electronics", "cameras"), "camera", (
            Kind("4K Action Camera", (59.0, 399.0),
                 {"travel": 0.7, "outdoor": 0.8, "photography": 0.8,
                  "vlogging": 0.7}),
            Kind("Phone Gimbal Stabilizer", (39.0, 149.0),
                 {"photography": 0.8, "vlogging": 0.9}),
            Kind("Instant Film Camera", (49.0, 179.0),
                 {"photography": 0.8, "gift": 0.7},
                 qualifiers=("Retro", "Pastel", "Classic"), colored=True),
        ), audiences=("content-creator",)),
        Subcategory(("electronics", "wearables"), "wearable", (
            Kind("Fitness Tracker", (25.0, 129.0),
                 {"fitness": 0.9, "running": 0.6, "sleep": 0.4},
                 colored=True),
            Kind("GPS Smartwatch", (79.0, 449.0),
                 {"fitness": 0.7, "running": 0.7, "gadgets": 0.6},
                 colored=True),
            Kind("Sleep Tracking Ring", (99.0, 329.0),
                 {"sleep": 0.9, "wellness": 0.7},
                 variants=("Size 8", "Size 10", "Size 12"),
                 audiences=("tech-enthusiast", "busy-parent")),
        ), audiences=("athlete", "runner")),
    ),
)

BABY = Category(
    name="baby",
    weight=140,
    qualifiers=("Soft", "Cute", "Pastel", "Eco-Friendly"),
    styles=("cute", "minimalist", "classic"),
    audiences=("parent", "new-parent", "grandparent"),
    extra_interests=("parenting", "gift", "baby-shower"),
    forms=(0.7, 0.6, 0.8),
    subcategories=(
        Subcategory(("baby", "feeding"), "baby-feeding", (
            Kind("Anti-Colic Baby Bottle Set", (15.0, 45.0),
                 {"parenting": 0.9, "newborn": 0.7},
                 variants=("3 pcs", "4 pcs"),
                 qualifiers=("BPA-Free", "Glass", "Wide-Neck")),
            Kind("Silicone Suction Bowl Set", (9.0, 29.0),
                 {"parenting": 0.8, "toddler": 0.6},
                 qualifiers=("BPA-Free", "Cute", "Pastel"), colored=True),
            Kind("Portable Bottle Warmer", (19.0, 49.0),
                 {"parenting": 0.8, "travel": 0.6, "portable": 0.7,
                  "family-travel": 0.6},
                 qualifiers=("Cordless", "Fast-Heating", "Compact")),
        )),
        Subcategory(("baby", "diapering"), "diapering", (
            Kind("Ultra-Soft Diapers", (12.0, 39.0),
                 {"parenting": 0.9, "newborn": 0.6},
                 variants=("Size 1", "Size 2", "Size 3", "Size 4", "Size 5"),
                 qualifiers=("Overnight", "Breathable", "Eco-Friendly"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Sensitive Baby Wipes", (5.0, 19.0),
                 {"parenting": 0.8, "newborn": 0.5},
                 variants=("3 packs", "6 packs", "12 packs"),
                 qualifiers=("Fragrance-Free", "Water-Based", "Plant-Based"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Diaper Bag Backpack", (29.0, 89.0),
                 {"parenting": 0.8, "travel": 0.5, "family-travel": 0.6},
                 qualifiers=("Large-Capacity", "Minimalist", "Waterproof"),
                 colored=True),
        )),
        Subcategory(("baby", "gear"), "baby-gear", (
            Kind("Compact Travel Stroller", (99.0, 399.0),
                 {"parenting": 0.8, "travel": 0.8, "family-travel": 0.8,
                  "portable": 0.6},
                 qualifiers=("Foldable", "Ultralight", "Cabin-Size"),
                 colored=True),
            Kind("Ergonomic Baby Carrier", (39.0, 169.0),
                 {"parenting": 0.9, "hiking": 0.3, "newborn": 0.5},
                 qualifiers=("Breathable", "All-Season", "Soft"),
                 colored=True),
            Kind("Convertible Car Seat", (99.0, 349.0),
                 {"parenting": 0.9, "family-travel": 0.5, "safety": 0.7},
                 qualifiers=("Rotating", "Crash-Tested", "Slim")),
        )),
        Subcategory(("baby", "toys"), "kids-toy", (
            Kind("Wooden Stacking Toy", (9.0, 35.0),
                 {"parenting": 0.6, "kids-learning": 0.8, "eco-friendly": 0.5,
                  "gift": 0.5},
                 qualifiers=("Rainbow", "Montessori", "Natural")),
            Kind("Montessori Busy Board", (19.0, 59.0),
                 {"kids-learning": 0.9, "parenting": 0.6},
                 qualifiers=("Wooden", "Travel-Size", "Cute")),
            Kind("Plush Bedtime Bunny", (9.0, 29.0),
                 {"gift": 0.7, "sleep": 0.5, "parenting": 0.5},
                 qualifiers=("Cuddly", "Organic Cotton", "Cute"),
                 colored=True),
        ), audiences=("parent", "grandparent")),
        Subcategory(("baby", "clothing"), "kids-clothing", (
            Kind("Organic Cotton Bodysuit Set", (15.0, 45.0),
                 {"parenting": 0.7, "newborn": 0.7, "eco-friendly": 0.5},
                 variants=("0-3 M", "3-6 M", "6-12 M")),
            Kind("Kids Rain Boots", (15.0, 39.0),
                 {"parenting": 0.6, "outdoor": 0.6},
                 variants=("EU 22", "EU 25", "EU 28"), colored=True,
                 qualifiers=("Cute", "Non-Slip", "Lightweight")),
            Kind("Fleece Pajama Set", (12.0, 35.0),
                 {"parenting": 0.6, "cozy-home": 0.6, "sleep": 0.5},
                 variants=("2 Y", "4 Y", "6 Y"), colored=True),
        )),
    ),
)

PETS = Category(
    name="pets",
    weight=130,
    qualifiers=("Durable", "Cute", "Premium", "Everyday", "Eco-Friendly"),
    styles=("cute", "classic", "minimalist"),
    audiences=("pet-owner", "dog-owner", "cat-owner"),
    extra_interests=("pet-care", "gift"),
    forms=(0.85, 0.5, 0.75),
    subcategories=(
        Subcategory(("pets", "dogs", "food"), "dog-food", (
            Kind("Grain-Free Dog Food", (19.0, 79.0),
                 {"pet-care": 0.9, "dogs": 0.9, "healthy-eating": 0.4},
                 variants=("2 kg", "6 kg", "12 kg"),
                 qualifiers=("Natural", "Vet-Approved", "Premium", "Organic"),
                 audiences=("dog-owner",), repurchase=MONTHLY),
            Kind("Dog Training Treats", (5.0, 19.0),
                 {"pet-care": 0.8, "dogs": 0.9, "pet-training": 0.7},
                 variants=("200 g", "500 g"),
                 qualifiers=("Natural", "Soft", "Single-Ingredient"),
                 audiences=("dog-owner",), repurchase=FORTNIGHTLY_TO_MONTHLY),
        )),
        Subcategory(("pets", "dogs", "walking"), "dog-walking", (
            Kind("Reflective Dog Leash", (9.0, 35.0),
                 {"dogs": 0.9, "pet-care": 0.6, "outdoor": 0.5},
                 variants=("1.2 m", "1.8 m"),
                 audiences=("dog-owner",), colored=True),
            Kind("No-Pull Dog Harness", (15.0, 49.0),
                 {"dogs": 0.9, "pet-training": 0.6},
                 variants=("S", "M", "L"),
                 audiences=("dog-owner",), colored=True),
            Kind("Collapsible Travel Dog Bowl", (5.0, 19.0),
                 {"dogs": 0.8, "travel": 0.7, "portable": 0.8, "hiking": 0.5},
                 variants=("350 ml", "600 ml"),
                 audiences=("dog-owner",), colored=True),
        )),
        Subcategory(("pets", "cats", "food"), "cat-food", (
            Kind("Salmon Wet Cat Food", (12.0, 39.0),
                 {"pet-care": 0.9, "cats": 0.9},
                 variants=("12 cans", "24 cans"),
                 qualifiers=("Natural", "Grain-Free", "Vet-Approved"),
                 audiences=("cat-owner",), repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Freeze-Dried Cat Treats", (6.0, 22.0),
                 {"pet-care": 0.8, "cats": 0.9},
                 variants=("50 g", "150 g"),
                 qualifiers=("Natural", "Single-Ingredient", "Premium"),
                 audiences=("cat-owner",), repurchase=MONTHLY),
        )),
        Subcategory(("pets", "cats", "litter"), "cat-litter", (
            Kind("Clumping Tofu Cat Litter", (9.0, 29.0),
                 {"cats": 0.9, "pet-care": 0.7, "eco-friendly": 0.7},
                 variants=("6 L", "10 L", "18 L"),
                 qualifiers=("Dust-Free", "Flushable", "Unscented"),
                 audiences=("cat-owner",), repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Self-Cleaning Litter Box", (129.0, 499.0),
                 {"cats": 0.9, "smart-home": 0.6, "pet-care": 0.6},
                 audiences=("cat-owner",)),
        )),
        Subcategory(("pets", "beds"), "pet-bed", (
            Kind("Calming Donut Pet Bed", (19.0, 79.0),
                 {"pet-care": 0.8, "cozy-home": 0.7},
                 variants=("50 cm", "70 cm", "90 cm"), colored=True),
            Kind("Orthopedic Dog Bed", (39.0, 149.0),
                 {"pet-care": 0.8, "dogs": 0.8, "sleep": 0.4},
                 variants=("M", "L", "XL"), audiences=("dog-owner",),
                 colored=True),
            Kind("Cat Window Perch", (15.0, 45.0),
                 {"cats": 0.9, "pet-care": 0.6, "small-space": 0.4},
                 audiences=("cat-owner",)),
        )),
        Subcategory(("pets", "carriers"), "pet-carrier", (
            Kind("Airline-Approved Pet Carrier", (29.0, 99.0),
                 {"pet-care": 0.7, "travel": 0.8, "portable": 0.5},
                 variants=("S", "M", "L"), colored=True),
            Kind("Waterproof Pet Car Seat Cover", (25.0, 69.0),
                 {"pet-care": 0.7, "road-trip": 0.7, "travel": 0.5},
                 audiences=("dog-owner",)),
            Kind("Pet Travel Backpack", (35.0, 89.0),
                 {"pet-care": 0.6, "travel": 0.7, "hiking": 0.6},
                 qualifiers=("Ventilated", "Expandable", "Bubble-Window"),
                 audiences=("cat-owner",), colored=True),
        )),
    ),
)

FOOD = Category(
    name="food",
    weight=180,
    qualifiers=("Organic", "Artisan", "Small-Batch", "Premium", "Classic"),
    styles=("classic", "natural", "luxury"),
    audiences=("foodie", "home-cook", "office-worker", "student"),
    extra_interests=("gift", "healthy-eating", "local-food"),
    forms=(0.8, 0.75, 0.6),
    subcategories=(
        Subcategory(("food", "coffee-and-tea", "coffee"), "coffee", (
            Kind("Single-Origin Coffee Beans", (9.0, 39.0),
                 {"coffee": 1.0, "slow-living": 0.4},
                 variants=("250 g", "500 g", "1 kg"),
                 audiences=("coffee-lover",),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Drip Coffee Bags", (6.0, 19.0),
                 {"coffee": 0.9, "travel": 0.6, "business-travel": 0.5,
                  "portable": 0.6},
                 variants=("10 bags", "20 bags", "30 bags"),
                 audiences=("coffee-lover", "business-traveller"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Instant Coffee Sticks", (5.0, 15.0),
                 {"coffee": 0.8, "office": 0.5},
                 variants=("20 sticks", "40 sticks"),
                 qualifiers=("Classic", "Decaf", "Oat Latte"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
        )),
        Subcategory(("food", "coffee-and-tea", "tea"), "tea", (
            Kind("Jasmine Green Tea", (6.0, 29.0),
                 {"tea": 1.0, "slow-living": 0.5},
                 variants=("50 g", "100 g", "20 bags"), repurchase=MONTHLY),
            Kind("Oolong Tea Tin", (12.0, 49.0),
                 {"tea": 0.9, "gift": 0.7},
                 variants=("100 g", "250 g"), repurchase=MONTHLY),
            Kind("Herbal Sleep Tea", (5.0, 19.0),
                 {"tea": 0.8, "sleep": 0.7, "wellness": 0.6},
                 variants=("20 bags", "40 bags"), repurchase=MONTHLY),
        ), audiences=("tea-lover",)),
        Subcategory(("food", "snacks"), "snacks", (
            Kind("Mixed Nut Trail Mix", (5.0, 19.0),
                 {"snacks": 0.9, "hiking": 0.6, "healthy-eating": 0.5},
                 variants=("300 g", "500 g", "1 kg"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Dark Chocolate Bar Set", (8.0, 35.0),
                 {"snacks": 0.8, "gift": 0.7},
                 variants=("4 bars", "8 bars"), repurchase=MONTHLY,
                 qualifiers=("Gift Box", "Organic", "Single-Origin", "Vegan")),
            Kind("Roasted Seaweed Snack Pack", (4.0, 15.0),
                 {"snacks": 0.9, "healthy-eating": 0.5},
                 variants=("6 packs", "12 packs"),
                 qualifiers=("Sea Salt", "Wasabi", "Organic"),
                 repurchase=WEEKLY_TO_MONTHLY),
            Kind("Protein Bar Box", (12.0, 35.0),
                 {"snacks": 0.7, "fitness": 0.8, "healthy-eating": 0.5},
                 variants=("12 bars", "24 bars"),
                 qualifiers=("Low-Sugar", "Vegan", "Peanut Butter"),
                 audiences=("athlete",), repurchase=FORTNIGHTLY_TO_MONTHLY),
        )),
        Subcategory(("food", "pantry"), "pantry", (
            Kind("Extra Virgin Olive Oil", (8.0, 39.0),
                 {"cooking": 0.9, "healthy-eating": 0.5},
                 variants=("500 ml", "1 L"), repurchase=MONTHLY),
            Kind("Bronze-Cut Pasta Set", (7.0, 25.0),
                 {"cooking": 0.8},
                 variants=("3 packs", "6 packs"), repurchase=MONTHLY),
            Kind("Chili Crisp Sauce", (5.0, 15.0),
                 {"cooking": 0.8, "spicy-food": 0.9},
                 variants=("200 g", "400 g"), repurchase=MONTHLY),
            Kind("Stone-Ground Bread Flour", (4.0, 15.0),
                 {"baking": 0.9, "cooking": 0.4},
                 variants=("1 kg", "2.5 kg"), repurchase=MONTHLY),
        )),
        Subcategory(("food", "instant-meals"), "instant-meal", (
            Kind("Instant Ramen Variety Pack", (8.0, 25.0),
                 {"quick-meals": 0.9, "spicy-food": 0.5},
                 variants=("5 packs", "10 packs"),
                 qualifiers=("Spicy", "Korean-Style", "Vegetarian"),
                 audiences=("student",), repurchase=WEEKLY_TO_MONTHLY),
            Kind("Self-Heating Hot Pot", (6.0, 19.0),
                 {"quick-meals": 0.8, "travel": 0.5, "camping": 0.6,
                  "spicy-food": 0.6},
                 variants=("1 pc", "3 pcs"),
                 qualifiers=("Spicy", "Mushroom", "Beef"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Freeze-Dried Camping Meal", (7.0, 29.0),
                 {"camping": 0.9, "hiking": 0.7, "quick-meals": 0.6},
                 variants=("1 serving", "2 servings", "4 servings"),
                 qualifiers=("High-Protein", "Vegetarian", "Lightweight"),
                 audiences=("outdoor-enthusiast",), repurchase=MONTHLY),
        )),
    ),
)

HEALTH = Category(
    name="health",
    weight=130,
    qualifiers=("Premium", "Everyday", "Gentle"),
    styles=("minimalist", "natural", "classic"),
    audiences=("office-worker", "senior", "busy-parent"),
    extra_interests=("wellness", "self-care", "healthy-eating"),
    forms=(0.75, 0.55, 0.8),
    subcategories=(
        Subcategory(("health", "vitamins"), "vitamins", (
            Kind("Daily Multivitamin", (9.0, 39.0),
                 {"wellness": 0.9, "healthy-eating": 0.5},
                 variants=("60 tablets", "120 tablets"),
                 qualifiers=("Vegan", "Clean", "Whole-Food"),
                 repurchase=SUPPLEMENT),
            Kind("Vitamin D3 Softgels", (7.0, 25.0),
                 {"wellness": 0.9},
                 variants=("90 softgels", "180 softgels"),
                 qualifiers=("High-Strength", "Daily", "Vegan"),
                 repurchase=SUPPLEMENT),
            Kind("Melatonin Sleep Gummies", (8.0, 25.0),
                 {"sleep": 0.9, "wellness": 0.6, "business-travel": 0.4,
                  "jet-lag": 0.6},
                 variants=("60 gummies", "90 gummies"),
                 qualifiers=("Sugar-Free", "Vegan", "Low-Dose"),
                 repurchase=SUPPLEMENT),
        ), audiences=("senior", "busy-parent", "office-worker")),
        Subcategory(("health", "personal-care"), "personal-care", (
            Kind("Sonic Electric Toothbrush", (19.0, 129.0),
                 {"oral-care": 0.9, "self-care": 0.5},
                 qualifiers=("Rechargeable", "Whitening", "Slim"),
                 colored=True),
            Kind("Travel Toothbrush Kit", (6.0, 24.0),
                 {"oral-care": 0.7, "travel": 0.8, "business-travel": 0.6,
                  "portable": 0.7},
                 qualifiers=("Foldable", "Compact", "Bamboo")),
            Kind("Cordless Water Flosser", (29.0, 89.0),
                 {"oral-care": 0.9},
                 qualifiers=("Rechargeable", "Compact", "Waterproof")),
            Kind("Replacement Brush Heads", (8.0, 29.0),
                 {"oral-care": 0.8},
                 variants=("4 pcs", "8 pcs"),
                 qualifiers=("Soft-Bristle", "Whitening", "Sensitive"),
                 repurchase=QUARTERLY),
        )),
        Subcategory(("health", "sports-nutrition"), "sports-nutrition", (
            Kind("Whey Protein Powder", (25.0, 79.0),
                 {"fitness": 0.9, "healthy-eating": 0.5},
                 variants=("1 kg", "2 kg"),
                 qualifiers=("Vanilla", "Chocolate", "Unflavored",
                             "Grass-Fed"),
                 audiences=("athlete",), repurchase=MONTHLY),
            Kind("Electrolyte Drink Mix", (9.0, 29.0),
                 {"running": 0.8, "fitness": 0.6, "hiking": 0.4},
                 variants=("20 sticks", "40 sticks"),
                 qualifiers=("Sugar-Free", "Lemon-Lime", "Mixed Berry"),
                 repurchase=FORTNIGHTLY_TO_MONTHLY),
            Kind("Collagen Peptides", (19.0, 49.0),
                 {"wellness": 0.7, "skincare": 0.6},
                 variants=("300 g", "500 g"),
                 qualifiers=("Unflavored", "Marine", "Grass-Fed"),
                 repurchase=MONTHLY),
        ), audiences=("athlete",)),
        Subcategory(("health", "massage-and-recovery"), "recovery", (
            Kind("Percussion Massage Gun", (49.0, 229.0),
                 {"fitness": 0.8, "recovery": 0.9, "running": 0.4},
                 qualifiers=("Quiet", "Mini", "Pro")),
            Kind("High-Density Foam Roller", (12.0, 39.0),
                 {"recovery": 0.8, "yoga": 0.5, "fitness": 0.6},
                 qualifiers=("Textured", "Vibrating", "Travel-Size"),
                 colored=True),
            Kind("Heated Neck Massager", (29.0, 99.0),
                 {"recovery": 0.6, "office": 0.6, "self-care": 0.7},
                 qualifiers=("Cordless", "Shiatsu", "Premium")),
        ), audiences=("athlete", "office-worker")),
    ),
)

BOOKS = Category(
    name="books",
    weight=130,
    qualifiers=("Illustrated", "Classic", "Deluxe"),
    styles=("classic", "vintage", "minimalist", "cute"),
    audiences=("student", "book-lover", "office-worker", "parent"),
    extra_interests=("reading", "gift", "study"),
    forms=(0.6, 0.35, 0.9),
    subcategories=(
        Subcategory(("books", "fiction"), "novel", (
            Kind("Mystery Novel Box Set", (15.0, 59.0),
                 {"reading": 1.0, "mystery": 0.8},
                 variants=("3 books", "5 books"),
                 qualifiers=("Paperback", "Hardcover", "Deluxe"),
                 audiences=("book-lover",)),
            Kind("Epic Fantasy Trilogy", (19.0, 69.0),
                 {"reading": 1.0, "fantasy": 0.8, "gaming": 0.3},
                 qualifiers=("Paperback", "Hardcover", "Illustrated"),
                 audiences=("book-lover",)),
            Kind("Contemporary Short Story Collection", (9.0, 25.0),
                 {"reading": 0.9, "commute": 0.4},
                 qualifiers=("Paperback", "Hardcover")),
        ), audiences=("book-lover",)),
        Subcategory(("books", "travel-guides"), "travel-guide", (
            Kind("City Travel Guide", (9.0, 29.0),
                 {"travel": 0.9, "city-break": 0.7, "reading": 0.5},
                 variants=("Lisbon", "Kyoto", "Mexico City", "Istanbul",
                           "Seoul", "Copenhagen"),
                 qualifiers=("Pocket", "Illustrated", "Updated")),
            Kind("Road Trip Atlas", (12.0, 35.0),
                 {"travel": 0.8, "road-trip": 0.9},
                 qualifiers=("Spiral-Bound", "Large-Print", "Updated")),
            Kind("Phrasebook for Travelers", (6.0, 19.0),
                 {"travel": 0.8, "language-learning": 0.7,
                  "business-travel": 0.4},
                 variants=("Japanese", "Spanish", "Italian", "Korean"),
                 qualifiers=("Pocket", "Illustrated")),
        ), audiences=("backpacker", "family")),
        Subcategory(("books", "stationery", "notebooks"), "notebook", (
            Kind("Dotted Bullet Journal", (9.0, 29.0),
                 {"productivity": 0.8, "journaling": 0.9, "study": 0.5},
                 variants=("A5", "B5"),
                 qualifiers=("Hardcover", "Minimalist", "Recycled"),
                 colored=True),
            Kind("Leather Travel Journal", (15.0, 49.0),
                 {"travel": 0.8, "journaling": 0.8, "gift": 0.5},
                 variants=("A6", "A5"),
                 qualifiers=("Vintage", "Refillable", "Handmade"),
                 colored=True),
            Kind("Undated Weekly Planner", (9.0, 29.0),
                 {"office": 0.7, "productivity": 0.9},
                 variants=("A5", "B6"),
                 qualifiers=("Minimalist", "Hardcover", "Pastel"),
                 colored=True),
        )),
        Subcategory(("books", "stationery", "writing"), "pen", (
            Kind("Quick-Dry Gel Pen Set", (5.0, 19.0),
                 {"study": 0.8, "office": 0.6, "journaling": 0.5},
                 variants=("6 pcs", "12 pcs", "24 pcs"),
                 qualifiers=("Pastel", "Fine-Point", "Retractable")),
            Kind("Fountain Pen", (15.0, 149.0),
                 {"gift": 0.7, "journaling": 0.6, "office": 0.5},
                 qualifiers=("Classic", "Vintage", "Luxury", "Brass"),
                 colored=True),
            Kind("Brush Lettering Pen Set", (9.0, 29.0),
                 {"journaling": 0.7, "art": 0.8, "diy": 0.5},
                 variants=("12 pcs", "24 pcs"),
                 qualifiers=("Pastel", "Dual-Tip", "Watercolor")),
        )),
        Subcategory(("books", "kids-books"), "kids-book", (
            Kind("Bedtime Picture Book Set", (9.0, 39.0),
                 {"parenting": 0.7, "reading": 0.7, "kids-learning": 0.6},
                 variants=("3 books", "6 books"), audiences=("parent",),
                 qualifiers=("Illustrated", "Board-Book", "Bilingual")),
            Kind("Reusable Sticker Activity Book", (5.0, 15.0),
                 {"kids-learning": 0.7, "family-travel": 0.5,
                  "parenting": 0.5},
                 qualifiers=("Animal", "Dinosaur", "Ocean"),
                 audiences=("parent",)),
        ), audiences=("parent",)),
    ),
)

GAMING = Category(
    name="gaming",
    weight=130,
    qualifiers=("Pro", "Premium", "Cute", "Retro"),
    styles=("modern", "vintage", "sporty", "cute", "minimalist"),
    audiences=("gamer", "student", "streamer"),
    extra_interests=("gaming", "gift", "esports"),
    forms=(0.8, 0.65, 0.7),
    subcategories=(
        Subcategory(("gaming", "accessories"), "gaming-accessory", (
            Kind("Wireless Game Controller", (29.0, 89.0),
                 {"gaming": 1.0}, colored=True),
            Kind("Surround Gaming Headset", (29.0, 199.0),
                 {"gaming": 0.9, "esports": 0.6, "streaming": 0.4},
                 qualifiers=("Wireless", "Pro", "Lightweight"), colored=True),
            Kind("Ultralight Gaming Mouse", (25.0, 129.0),
                 {"gaming": 0.9, "esports": 0.7}, colored=True),
        )),
        Subcategory(("gaming", "consoles"), "console", (
            Kind("Handheld Game Console", (79.0, 449.0),
                 {"gaming": 1.0, "portable": 0.8, "travel": 0.6},
                 colored=True),
            Kind("Console Travel Case", (12.0, 39.0),
                 {"gaming": 0.7, "travel": 0.7, "portable": 0.6},
                 qualifiers=("Hard-Shell", "Slim", "Cute"), colored=True),
            Kind("Retro Mini Console", (39.0, 119.0),
                 {"gaming": 0.9, "retro-gaming": 0.9, "gift": 0.6},
                 qualifiers=("Retro", "Classic")),
        )),
        Subcategory(("gaming", "setup"), "gaming-setup", (
            Kind("Ergonomic Gaming Chair", (129.0, 449.0),
                 {"gaming": 0.9, "work-from-home": 0.5},
                 qualifiers=("Reclining", "Mesh", "Premium"),
                 audiences=("gamer", "streamer"), colored=True),
            Kind("L-Shaped Gaming Desk", (99.0, 349.0),
                 {"gaming": 0.8, "work-from-home": 0.6, "office": 0.4},
                 qualifiers=("Carbon-Fiber", "Minimalist", "Compact")),
            Kind("Monitor Light Bar", (29.0, 99.0),
                 {"gaming": 0.6, "office": 0.6, "work-from-home": 0.6},
                 qualifiers=("Asymmetric", "Wireless", "Minimalist")),
        ), audiences=("gamer", "streamer")),
        Subcategory(("gaming", "tabletop"), "tabletop", (
            Kind("Strategy Board Game", (25.0, 89.0),
                 {"board-games": 0.9, "game-night": 0.8, "gift": 0.4},
                 qualifiers=("Cooperative", "Family", "Deluxe Edition")),
            Kind("Pocket Party Card Game", (9.0, 25.0),
                 {"board-games": 0.7, "game-night": 0.8, "portable": 0.6},
                 qualifiers=("Family", "Classic", "Adult")),
            Kind("1000-Piece Jigsaw Puzzle", (12.0, 35.0),
                 {"puzzles": 0.9, "cozy-home": 0.6, "gift": 0.4},
                 qualifiers=("Vintage Poster", "Cozy Cottage", "World Map",
                             "Botanical")),
        ), audiences=("family", "friends-group")),
    ),
)

CATEGORIES = (TRAVEL, HOME, BEAUTY, FASHION, SPORTS, ELECTRONICS, BABY, PETS,
              FOOD, HEALTH, BOOKS, GAMING)

# Categories a shop may also sell in, next to its main one.
RELATED_CATEGORIES = {
    "travel": ("fashion", "electronics", "beauty"),
    "home": ("baby", "pets", "food"),
    "beauty": ("health", "fashion"),
    "fashion": ("beauty", "travel", "sports"),
    "sports": ("health", "fashion", "travel"),
    "electronics": ("gaming", "home", "travel"),
    "baby": ("home", "books", "health"),
    "pets": ("home",),
    "food": ("health", "home"),
    "health": ("food", "beauty", "sports"),
    "books": ("baby", "gaming"),
    "gaming": ("electronics", "books"),
}

_TAG_RE = re.compile(r"^[a-z0-9:-]+$")
_SHOP_RE = re.compile(r"^s[0-9]{3}$")


class Shop(NamedTuple):
    """A shop and what it sells.

    Attributes:
      shop_id: "s000".."s119".
      categories: Its main category and maybe a related one.
      size: Relative number of products; a long tail.
    """
    shop_id: str
    categories: tuple
    size: float


def split_by_weight(total, weights):
    """Splits total into integer parts proportional to weights.

    Uses the largest-remainder method, ties broken by position.

    Args:
      total: The integer to split.
      weights: Non-negative numbers, not all zero.

    Returns:
      A list of integers summing to total.
    """
    weight_sum = sum(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)),
                          key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[:total - sum(parts)]:
        parts[i] += 1
    return parts


def make_shops(rng):
    """Creates SHOP_COUNT shops, each focused on one or two categories.

    Shops per category follow the category weights. Within a category, shop
    sizes fall off as 1/rank, so a few big shops carry many products and many
    small shops carry a few.

    Args:
      rng: The generator's random.Random.

    Returns:
      A list of Shop ordered by id.
    """
    counts = split_by_weight(SHOP_COUNT, [c.weight for c in CATEGORIES])
    mains = []
    for category, count in zip(CATEGORIES, counts):
        mains.extend([category.name] * count)
    rng.shuffle(mains)
    ranks = {}
    shops = []
    for index, main in enumerate(mains):
        rank = ranks.get(main, 0)
        ranks[main] = rank + 1
        categories = (main,)
        if rng.random() < SECOND_CATEGORY_SHARE:
            categories += (rng.choice(RELATED_CATEGORIES[main]),)
        shops.append(Shop(f"s{index:03d}", categories, 1.0 / (rank + 1)))
    return shops


class ShopPicker:
    """Chooses the shop of each product of a category.

    Every shop whose main category it is gets one of the category's first
    products, so no shop is empty; the others go by shop size.
    """

    def __init__(self, shops):
        self._main = {c.name: [] for c in CATEGORIES}
        self._candidates = {c.name: [] for c in CATEGORIES}
        self._weights = {c.name: [] for c in CATEGORIES}
        for shop in shops:
            self._main[shop.categories[0]].append(shop.shop_id)
            for position, name in enumerate(shop.categories):
                factor = 1.0 if position == 0 else SECOND_CATEGORY_FACTOR
                self._candidates[name].append(shop.shop_id)
                self._weights[name].append(shop.size * factor)
        self._served = {c.name: 0 for c in CATEGORIES}

    def pick(self, rng, category_name):
        """Returns the shop id for the next product of category_name."""
        served = self._served[category_name]
        self._served[category_name] = served + 1
        mains = self._main[category_name]
        if served < len(mains):
            return mains[served]
        return rng.choices(self._candidates[category_name],
                           weights=self._weights[category_name])[0]


def price_band(price):
    """Returns the price band tag value of a price."""
    for upper, band in PRICE_BANDS:
        if price < upper:
            return band
    return PREMIUM_BAND


def make_price(rng, kind, variant_index, qualifier):
    """Draws a shop-like price for a product of the kind.

    Larger variants cost more; premium qualifiers raise the price; prices end
    like real ones (.99, .90, .50, .00).

    Args:
      rng: The generator's random.Random.
      kind: The product's Kind.
      variant_index: Index of the chosen variant, or None.
      qualifier: The title qualifier, or None.

    Returns:
      The price, > 0, with at most 2 decimals.
    """
    low, high = kind.price
    if variant_index is None:
        fraction = rng.random()
    else:
        fraction = (variant_index + rng.random()) / len(kind.variants)
    raw = low + (high - low) * fraction
    if qualifier in PREMIUM_QUALIFIERS:
        raw *= PREMIUM_PRICE_FACTOR
    endings = [e for e, _ in PRICE_ENDINGS]
    ending = rng.choices(endings, weights=[w for _, w in PRICE_ENDINGS])[0]
    whole = int(raw)
    if ending > 0 and whole >= 1:
        whole -= 1  # 40.3 becomes 39.99 rather than 40.99.
    # A price under 1 with a .00 ending would be free: use 0.99 instead.
    return round(max(whole, 0) + ending, 2) or 0.99


def make_title(rng, category, kind):
    """Builds a readable title for a product of the kind.

    Args:
      rng: The generator's random.Random.
      category: The product's Category.
      kind: The product's Kind.

    Returns:
      (title, qualifier or None, variant index or None).
    """
    qualifiers = kind.qualifiers or category.qualifiers
    qualifier = None
    if kind.qualifiers or rng.random() < QUALIFIER_SHARE:
        qualifier = rng.choice(qualifiers)
        if re.search(rf"\b{re.escape(qualifier)}\b", kind.name, re.I):
            qualifier = None  # "Soft Ultra-Soft Diapers" reads badly.
    variant_index = None
    if kind.variants:
        variant_index = rng.randrange(len(kind.variants))
    words = [qualifier, kind.name]
    if variant_index is not None:
        words.append(kind.variants[variant_index])
    title = " ".join(w for w in words if w)
    if kind.colored and rng.random() < COLOR_SHARE:
        title += ", " + rng.choice(COLORS)
    return title, qualifier, variant_index


def jitter(rng, weight):
    """Returns weight moved by up to INTEREST_JITTER, within [0.05, 1.0]."""
    value = weight + rng.uniform(-INTEREST_JITTER, INTEREST_JITTER)
    return round(min(1.0, max(0.05, value)), 2)


def draw_weight(rng, bounds):
    """Returns a weight drawn uniformly from bounds, rounded to 2 decimals."""
    return round(rng.uniform(*bounds), 2)


def make_tags(rng, category, subcategory, kind, qualifier, price):
    """Builds the weighted tags of a product.

    The subcategory tag comes first with weight 1.0, then the interests
    (strongest first), then style, audience and price band.

    Args:
      rng: The generator's random.Random.
      category: The product's Category.
      subcategory: The product's Subcategory.
      kind: The product's Kind.
      qualifier: The title qualifier, or None.
      price: The product's price.

    Returns:
      A dict tag -> weight with MIN_TAGS..MAX_TAGS entries.
    """
    interests = {}

    def add_interest(tag, weight):
        interests[tag] = max(weight, interests.get(tag, 0.0))

    for tag, weight in kind.interests.items():
        add_interest(tag, jitter(rng, weight))
    if qualifier in QUALIFIER_TAGS:
        tag, weight = QUALIFIER_TAGS[qualifier]
        add_interest(tag, jitter(rng, weight))
    if rng.random() < EXTRA_INTEREST_SHARE:
        extra = rng.choice(category.extra_interests)
        if extra not in interests:
            add_interest(extra, draw_weight(rng, EXTRA_INTEREST_WEIGHTS))

    band = price_band(price)
    if qualifier in QUALIFIER_STYLES:
        style = QUALIFIER_STYLES[qualifier]
    else:
        styles = kind.styles or category.styles
        if band not in LUXURY_BANDS:
            styles = [s for s in styles if s != "luxury"] or styles
        style = rng.choice(styles)
    preferred = kind.audiences or subcategory.audiences
    if preferred and rng.random() < PREFERRED_AUDIENCE_SHARE:
        audience = rng.choice(preferred)
    else:
        audience = rng.choice(category.audiences)
    descriptors = {
        f"style:{style}": draw_weight(rng, STYLE_WEIGHTS),
        f"audience:{audience}": draw_weight(rng, AUDIENCE_WEIGHTS),
        f"price:{band}": PRICE_TAG_WEIGHT,
    }

    room = MAX_TAGS - 1 - len(descriptors)
    strongest = sorted(interests.items(), key=lambda item: -item[1])[:room]
    tags = {subcategory.tag: 1.0}
    for tag, weight in strongest:
        if tag not in tags:
            tags[tag] = weight
    tags.update(descriptors)
    return tags


def make_forms(rng, category):
    """Draws the content forms a product is shown through."""
    forms = [f for f, p in zip(FORMS, category.forms) if rng.random() < p]
    return forms or ["product_card"]


def make_repurchase_days(rng, kind):
    """Returns the repurchase cycle of a consumable, 0 for a durable good."""
    return rng.choice(kind.repurchase) if kind.repurchase else 0


def plan_categories(rng, count):
    """Returns the category of each product, in catalog order."""
    sizes = split_by_weight(count, [c.weight for c in CATEGORIES])
    plan = []
    for category, size in zip(CATEGORIES, sizes):
        plan.extend([category] * size)
    rng.shuffle(plan)
    return plan


def make_product(rng, index, category, shop_id):
    """Creates one active, non-campaign product of the category."""
    subcategory = rng.choice(category.subcategories)
    kind = rng.choice(subcategory.kinds)
    title, qualifier, variant_index = make_title(rng, category, kind)
    price = make_price(rng, kind, variant_index, qualifier)
    return {
        "id": f"p{index:05d}",
        "title": title,
        "category": list(subcategory.path),
        "shop": shop_id,
        "price": price,
        "status": "active",
        "tags": make_tags(rng, category, subcategory, kind, qualifier, price),
        "forms": make_forms(rng, category),
        "repurchase_days": make_repurchase_days(rng, kind),
        "campaign": False,
    }


def mark_status_and_campaigns(rng, products):
    """Marks a few products out of stock or banned, and some in campaign.

    Campaigns only run on active products.
    """
    count = len(products)
    out_of_stock = round(count * OUT_OF_STOCK_SHARE)
    banned = round(count * BANNED_SHARE)
    chosen = rng.sample(range(count), out_of_stock + banned)
    for position, index in enumerate(chosen):
        products[index]["status"] = ("out_of_stock" if position < out_of_stock
                                     else "banned")
    active = [i for i in range(count) if products[i]["status"] == "active"]
    campaigns = min(len(active), round(count * CAMPAIGN_SHARE))
    for index in rng.sample(active, campaigns):
        products[index]["campaign"] = True


def assign_creators(rng, products):
    """Gives some video and live products the creators who feature them.

    Creators specialise: each covers CREATOR_CATEGORIES top-level categories,
    so a person who follows one creator meets related products. Draws come
    after every other draw, so the rest of the catalog does not depend on
    them.
    """
    names = [category.name for category in CATEGORIES]
    by_category = {name: [] for name in names}
    for number in range(1, CREATOR_COUNT + 1):
        for name in rng.sample(names, CREATOR_CATEGORIES):
            by_category[name].append(f"c{number:02d}")
    for product in products:
        creators = by_category[product["category"][0]]
        if (not creators or product["forms"] == ["product_card"]
                or rng.random() >= CREATOR_SHARE):
            continue
        picked = rng.sample(creators, min(len(creators), rng.randint(1, 2)))
        product["creators"] = sorted(picked)


def validate_product(product):
    """Raises ValueError if the product breaks the catalog schema."""
    def fail(message):
        raise ValueError(f"{product.get('id')}: {message}")

    if not re.fullmatch(r"p[0-9]{5}", product["id"]):
        fail("bad id")
    if not 0 < len(product["title"]) <= MAX_TITLE_CHARS:
        fail("bad title length")
    if not 2 <= len(product["category"]) <= 3:
        fail("category must have 2 or 3 levels")
    if not all(_TAG_RE.match(s) for s in product["category"]):
        fail("bad category segment")
    if not _SHOP_RE.match(product["shop"]):
        fail("bad shop")
    price = product["price"]
    if not (price > 0 and round(price, 2) == price):
        fail("bad price")
    if product["status"] not in ("active", "out_of_stock", "banned"):
        fail("bad status")
    tags = product["tags"]
    if not MIN_TAGS <= len(tags) <= MAX_TAGS:
        fail(f"has {len(tags)} tags")
    for tag, weight in tags.items():
        if not _TAG_RE.match(tag):
            fail(f"bad tag {tag!r}")
        if not (0 < weight <= 1 and round(weight, 2) == weight):
            fail(f"bad weight for {tag!r}")
    forms = product["forms"]
    if not forms or forms != [f for f in FORMS if f in forms]:
        fail("bad forms")
    if not 0 <= product["repurchase_days"] <= 3650:
        fail("bad repurchase_days")
    creators = product.get("creators")
    if creators is not None and not (
            1 <= len(creators) <= 2 and creators == sorted(set(creators))
            and all(re.fullmatch(r"c[0-9]{2}", c) for c in creators)):
        fail("bad creators")


def generate(count=DEFAULT_COUNT):
    """Generates the catalog.

    Args:
      count: Number of products, 1..MAX_COUNT.

    Returns:
      The catalog as JSON Lines text, one product per line.
    """
    rng = random.Random(SEED)
    picker = ShopPicker(make_shops(rng))
    products = []
    for index, category in enumerate(plan_categories(rng, count)):
        shop_id = picker.pick(rng, category.name)
        products.append(make_product(rng, index, category, shop_id))
    mark_status_and_campaigns(rng, products)
    assign_creators(rng, products)
    lines = []
    for product in products:
        validate_product(product)
        lines.append(json.dumps(product, separators=(",", ":"),
                                ensure_ascii=True))
    return "".join(line + "\n" for line in lines)


def parse_args(argv):
    """Parses the command line."""
    parser = argparse.ArgumentParser(
        description="Generates the bundled demo catalog (JSON Lines).")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--output", type=pathlib.Path,
                        help="write the catalog to this file")
    action.add_argument("--check", type=pathlib.Path,
                        help="exit 1 unless this file equals the catalog")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT,
                        help=f"number of products (default {DEFAULT_COUNT})")
    args = parser.parse_args(argv)
    if not 1 <= args.count <= MAX_COUNT:
        parser.error(f"--count must be in 1..{MAX_COUNT}")
    return args


def check(path, expected, count):
    """Compares a catalog file with the generated catalog.

    Args:
      path: The file to check.
      expected: The generated catalog text.
      count: The product count it was generated with.

    Returns:
      None if the file holds exactly expected, else a short message.
    """
    try:
        actual = path.read_bytes()
    except OSError as error:
        return f"cannot read {path}: {error.strerror}"
    if actual != expected.encode("ascii"):
        count_flag = "" if count == DEFAULT_COUNT else f" --count {count}"
        return (f"{path} differs from the generated catalog; regenerate it "
                f"with: python3 deploy/demo/generate_catalog.py --output "
                f"{path}{count_flag}")
    return None


def main(argv: Optional[list] = None):
    """Runs the command line; returns the process exit code."""
    args = parse_args(argv)
    catalog = generate(args.count)
    if args.check is not None:
        problem = check(args.check, catalog, args.count)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        return 0
    args.output.write_bytes(catalog.encode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
