
u0 
*unknown-shop