
u2sess2 ÈH