-- Compound list imports of zipped shapefiles and XLSX workbooks (issue 11 point 1): a staged import may be of either,
-- and keeps the uploaded file's name (its messages name the file) and the sheet asked for (XLSX), so that its commit
-- reads the file exactly as its dry run did.
ALTER TABLE compound_import DROP CONSTRAINT compound_import_format_check;
ALTER TABLE compound_import ADD CONSTRAINT compound_import_format_check
    CHECK (format IN ('csv', 'geojson', 'shapefile', 'xlsx'));
ALTER TABLE compound_import ADD COLUMN file_name text;
ALTER TABLE compound_import ADD COLUMN sheet text;
