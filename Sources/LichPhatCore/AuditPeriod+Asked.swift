/// What is wrong with the period a report asks for (the command line's --period/--from/--to,
/// the report page's fields, the API's): the one rule every front end applies.
public enum PeriodProblem: Error, Sendable, Equatable {
    /// A period and dates both.
    case both
    /// One date without the other.
    case incomplete
    /// Not a month, quarter, half or year.
    case badPeriod(String)
    /// Not a date YYYY-MM-DD (`first`: the first date, else the last).
    case badDate(String, first: Bool)
    /// The last date before the first, or more than ``AuditPeriod/longestDays`` apart.
    case badRange
}

extension AuditPeriod {
    /// The period asked for: a named period, or a first and a last date; nil when neither is given
    /// (each front end then has its default). Empty text counts as not given.
    public static func asked(period: String?, from: String?, to: String?) -> Result<AuditPeriod?, PeriodProblem> {
        func given(_ s: String?) -> String? {
            guard let s else { return nil }
            let t = String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            return t.isEmpty ? nil : t
        }
        let period = given(period), from = given(from), to = given(to)
        if period != nil, from != nil || to != nil { return .failure(.both) }
        if let period {
            guard let p = AuditPeriod(period) else { return .failure(.badPeriod(period)) }
            return .success(p)
        }
        if from == nil, to == nil { return .success(nil) }
        guard let from, let to else { return .failure(.incomplete) }
        guard let f = CivilDate(from) else { return .failure(.badDate(from, first: true)) }
        guard let t = CivilDate(to) else { return .failure(.badDate(to, first: false)) }
        guard let range = range(from: f, to: t) else { return .failure(.badRange) }
        return .success(range)
    }
}
