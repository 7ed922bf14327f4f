import Testing

@testable import CairnStore

@Suite struct SQLStatementSplitterTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndComments() {
        let sql = """
            CREATE TABLE a (x text DEFAULT 'a;b'); -- comment; with semicolon
            /* block; /* nested; */ still comment; */
            INSERT INTO "odd;name" VALUES ('it''s; fine');
            """
        let parts = SQLStatementSplitter.split(sql)
        #expect(parts.count == 2)
        #expect(parts[0] == "CREATE TABLE a (x text DEFAULT 'a;b')")
        #expect(parts[1].hasSuffix("INSERT INTO \"odd;name\" VALUES ('it''s; fine')"))
    }

    @Test func keepsDollarQuotedBodiesWhole() {
        let sql = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;
            CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 2; $$;
            SELECT $1;
            """
        let parts = SQLStatementSplitter.split(sql)
        #expect(parts.count == 3)
        #expect(parts[0].contains("RETURN 1; END; $body$"))
        #expect(parts[1].hasSuffix("$$ SELECT 2; $$"))
        #expect(parts[2] == "SELECT $1")
    }

    @Test func dropsEmptyAndCommentOnlyStatements() {
        #expect(SQLStatementSplitter.split(";;  -- nothing\n ; /* none */").isEmpty)
        #expect(SQLStatementSplitter.split("SELECT 1").count == 1)
    }

    @Test func unterminatedQuoteDoesNotCrashOrLoop() {
        #expect(SQLStatementSplitter.split("SELECT 'open; ").count == 1)
        #expect(SQLStatementSplitter.split("SELECT $tag$ open; ").count == 1)
        #expect(SQLStatementSplitter.split("/* open ; ").isEmpty)
    }
}
