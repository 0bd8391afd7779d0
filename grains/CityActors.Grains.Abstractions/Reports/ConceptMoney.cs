namespace CityActors.Grains.Reports;

/// <summary>Part one's money: the amounts each row's report for the year states, summed by priority and for the city.</summary>
/// <param name="Rows">The rows whose report states an amount, in part one's order.</param>
/// <param name="Priorities">One entry per priority of part one, in its order, rows with no amount counted as none.</param>
/// <param name="City">The sum over every priority.</param>
public sealed record ConceptMoney(IReadOnlyList<RowMoney> Rows, IReadOnlyList<PriorityMoney> Priorities, MoneyTotals City);

/// <summary>The money one row of part one reports for the year, in hryvnias (UAH).</summary>
/// <param name="Key">The row's key in part one: <c>p1.g1.t1.pr1</c>.</param>
/// <param name="Planned">Planned for the year, when the report states it.</param>
/// <param name="Spent">Spent in the year, when the report states it.</param>
public sealed record RowMoney(string Key, decimal? Planned, decimal? Spent);

/// <param name="Priority">The priority's key: <c>p1</c>.</param>
public sealed record PriorityMoney(string Priority, MoneyTotals Totals);

/// <summary>Sums of stated amounts, in hryvnias.</summary>
/// <param name="Rows">Rows stating any amount.</param>
/// <param name="Planned">The sum of the amounts planned that are stated.</param>
/// <param name="Spent">The sum of the amounts spent that are stated.</param>
public sealed record MoneyTotals(int Rows, decimal Planned, decimal Spent)
{
    public static MoneyTotals Zero { get; } = new(0, 0m, 0m);

    /// <summary>The totals of <paramref name="rows"/>.</summary>
    public static MoneyTotals Of(IEnumerable<RowMoney> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Aggregate(Zero, (sum, row) => new(sum.Rows + 1, sum.Planned + (row.Planned ?? 0m), sum.Spent + (row.Spent ?? 0m)));
    }
}
