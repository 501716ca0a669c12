package dev.actionbox.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Copies every table of one store into another that has the same schema, row by row in key
 * order and with ids unchanged; then counts both sides. Both stores are opened (and so
 * migrated) by this version, so their schemas agree. The copy is one transaction on the
 * target: it lands whole or not at all.
 */
public final class StoreCopy {

    private static final String FLYWAY_TABLE = "flyway_schema_history";
    private static final int BATCH = 500;

    /** Rows of one table on each side after the copy. */
    public record TableCount(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    /** The counts of every copied table, in copy order. */
    public record Result(List<TableCount> tables) {
        public Result {
            tables = List.copyOf(tables);
        }

        public boolean verified() {
            return tables.stream().allMatch(TableCount::matches);
        }

        public long rows() {
            return tables.stream().mapToLong(TableCount::target).sum();
        }
    }

    /** The target already holds data and the caller did not ask to replace it. */
    public static final class TargetNotEmptyException extends StoreException {
        public TargetNotEmptyException(String message) {
            super(message);
        }
    }

    private record Column(String name, int type) {
    }

    private final Store source;
    private final Store target;

    public StoreCopy(Store source, Store target) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Copies everything.
     *
     * @param replace empty the target's tables first instead of refusing a non-empty target
     * @param progress told each table's name and row count as it is copied
     * @throws TargetNotEmptyException when the target has rows and {@code replace} is false
     * @throws StoreException when a table or column of the source is missing from the target
     */
    public Result copy(boolean replace, Consumer<TableCount> progress) {
        try (Handle from = source.openHandle(); Handle to = target.openHandle()) {
            Connection in = from.getConnection();
            Connection out = to.getConnection();
            List<String> tables = copyOrder(out);
            checkSameTables(in, tables);
            in.setAutoCommit(false);
            out.setAutoCommit(false);
            try {
                prepareTarget(out, tables, replace);
                for (String table : tables) {
                    long rows = copyTable(in, out, table);
                    progress.accept(new TableCount(table, rows, rows));
                }
                out.commit();
            } catch (SQLException | RuntimeException e) {
                out.rollback();
                throw e;
            } finally {
                in.rollback();
                in.setAutoCommit(true);
                out.setAutoCommit(true);
            }
            return count(in, out, tables);
        } catch (SQLException e) {
            throw new StoreException("The copy failed and was rolled back: " + e.getMessage(), e);
        }
    }

    /** The target's tables, each after the tables its foreign keys point to. */
    private static List<String> copyOrder(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables(connection)) {
            Set<String> referenced = new LinkedHashSet<>();
            try (ResultSet keys = meta.getImportedKeys(null, connection.getSchema(), table)) {
                while (keys.next()) {
                    referenced.add(keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            referenced.remove(table);
            parents.put(table, referenced);
        }
        List<String> order = new ArrayList<>();
        while (order.size() < parents.size()) {
            int before = order.size();
            parents.forEach((table, referenced) -> {
                if (!order.contains(table) && order.containsAll(referenced.stream()
                        .filter(parents::containsKey).toList())) {
                    order.add(table);
                }
            });
            if (order.size() == before) {
                throw new StoreException("The target's foreign keys form a cycle among "
                        + parents.keySet() + "; the copy cannot order them");
            }
        }
        return order;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.equals(FLYWAY_TABLE) && !name.startsWith("sqlite_")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static void checkSameTables(Connection in, List<String> targetTables)
            throws SQLException {
        Set<String> sourceTables = new LinkedHashSet<>(tables(in));
        if (!sourceTables.equals(new LinkedHashSet<>(targetTables))) {
            throw new StoreException("The source and target schemas differ: source tables "
                    + sourceTables + ", target tables " + targetTables
                    + "; run the same Actionbox version against both");
        }
    }

    private static void prepareTarget(Connection out, List<String> tables, boolean replace)
            throws SQLException {
        List<String> filled = new ArrayList<>();
        for (String table : tables) {
            if (count(out, table) > 0) {
                filled.add(table);
            }
        }
        if (filled.isEmpty()) {
            return;
        }
        if (!replace) {
            throw new TargetNotEmptyException("The target already holds data in " + filled
                    + "; copy into an empty database, or pass --replace to empty it first");
        }
        try (Statement statement = out.createStatement()) {
            for (int i = tables.size() - 1; i >= 0; i--) {
                statement.executeUpdate("DELETE FROM " + quote(tables.get(i)));
            }
        }
    }

    private static long copyTable(Connection in, Connection out, String table)
            throws SQLException {
        List<Column> columns = columns(out, table);
        checkColumns(in, table, columns);
        String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(
                ", "));
        String select = "SELECT " + names + " FROM " + quote(table) + " ORDER BY "
                + orderBy(out, table, columns);
        String insert = "INSERT INTO " + quote(table) + " (" + names + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (Statement query = in.createStatement();
                PreparedStatement write = out.prepareStatement(insert)) {
            query.setFetchSize(BATCH);
            try (ResultSet rs = query.executeQuery(select)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        transfer(rs, write, i + 1, columns.get(i).type());
                    }
                    write.addBatch();
                    if (++rows % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** Reads a value as the target column's type wants it; SQLite stores loosely typed. */
    private static void transfer(ResultSet rs, PreparedStatement write, int index, int type)
            throws SQLException {
        switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long value = rs.getLong(index);
                if (rs.wasNull()) {
                    write.setNull(index, type);
                } else if (type == Types.BIGINT) {
                    write.setLong(index, value);
                } else {
                    write.setInt(index, Math.toIntExact(value));
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    write.setBytes(index, rs.getBytes(index));
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = rs.getBoolean(index);
                if (rs.wasNull()) {
                    write.setNull(index, type);
                } else {
                    write.setBoolean(index, value);
                }
            }
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR ->
                    write.setString(index, rs.getString(index));
            default -> write.setObject(index, rs.getObject(index));
        }
    }

    private static List<Column> columns(Connection connection, String table)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, connection.getSchema(),
                table, "%")) {
            while (rs.next()) {
                columns.add(new Column(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        rs.getInt("DATA_TYPE")));
            }
        }
        return columns;
    }

    private static void checkColumns(Connection in, String table, List<Column> wanted)
            throws SQLException {
        Set<String> present = columns(in, table).stream().map(Column::name)
                .collect(Collectors.toSet());
        List<String> missing = wanted.stream().map(Column::name)
                .filter(name -> !present.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new StoreException("The source table " + table + " lacks the columns "
                    + missing + "; run the same Actionbox version against both");
        }
    }

    /** The primary key, so that rows are copied in id order; every column when there is none. */
    private static String orderBy(Connection connection, String table, List<Column> columns)
            throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, connection.getSchema(),
                table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME")
                        .toLowerCase(Locale.ROOT));
            }
        }
        List<String> order = key.isEmpty() ? columns.stream().map(Column::name).toList()
                : List.copyOf(key.values());
        return order.stream().map(StoreCopy::quote).collect(Collectors.joining(", "));
    }

    private static Result count(Connection in, Connection out, List<String> tables)
            throws SQLException {
        List<TableCount> counts = new ArrayList<>();
        for (String table : tables) {
            counts.add(new TableCount(table, count(in, table), count(out, table)));
        }
        return new Result(counts);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Table and column names come from the database's own metadata, never from input. */
    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
