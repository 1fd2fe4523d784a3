-- Each unit of the database with the number of its points, by file name:
-- what the fault tests compare to tell a unit's old facts from its new.
.separator ' '
SELECT substr(u.file, length(rtrim(u.file, replace(u.file, '/', ''))) + 1),
       count(p.id)
  FROM units u LEFT JOIN points p ON p.unit = u.id
  GROUP BY u.id ORDER BY u.file;
