
u1sess1 
*
tea
campingp3p42p08