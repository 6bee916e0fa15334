
new-user 
