using CityActors.Dashboard.Live;
using CityActors.Grains.Aggregation;
using CityActors.Grains.Alarms;
using CityActors.Grains.Kinds;

namespace CityActors.Dashboard.Components.Live;

/// <summary>What the overview shows, copied out of the live city in one read.</summary>
public sealed record OverviewView(
    DateTimeOffset Now,
    RollupCounts Total,
    AlarmCounts Alarms,
    double Rate,
    IReadOnlyList<KindRow> Kinds,
    IReadOnlyList<AlarmNotice> ActiveAlarms,
    IReadOnlyList<FacilityChange> Recent)
{
    /// <summary>How many active alarms the overview lists; the counts above it are always complete.</summary>
    const int AlarmRows = 50;

    public static OverviewView Empty { get; } = new(DateTimeOffset.MinValue, default, default, 0, [], [], []);

    public static OverviewView Of(CityFeed feed, DateTimeOffset now)
    {
        var kinds = feed.Kinds;
        return feed.Read(city =>
        {
            var rows = city.KindStatus
                .GroupBy(e => e.Key.Kind)
                .Select(g => new KindRow(
                    g.Key,
                    kinds.FirstOrDefault(k => k.Id == g.Key),
                    g.Sum(e => e.Value),
                    g.OrderBy(e => Order(kinds, g.Key, e.Key.Status)).Select(e => (e.Key.Status, e.Value)).ToList()))
                .OrderBy(r => Index(kinds, r.Id))
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            return new OverviewView(now, city.Total, city.Alarms, city.ChangesPerSecond(now), rows,
                city.ActiveAlarms.Take(AlarmRows).ToList(), city.Recent.ToList());
        });
    }

    static int Index(IReadOnlyList<FacilityKind> kinds, string id)
    {
        for (var i = 0; i < kinds.Count; i++)
        {
            if (kinds[i].Id == id)
                return i;
        }
        return int.MaxValue;
    }

    static int Order(IReadOnlyList<FacilityKind> kinds, string kind, string status)
    {
        var statuses = kinds.FirstOrDefault(k => k.Id == kind)?.Statuses;
        if (statuses is null)
            return int.MaxValue;
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i].Code == status)
                return i;
        }
        return int.MaxValue;
    }
}

/// <summary>One kind's row: its facilities in each status, in the kind's own order of statuses.</summary>
public sealed record KindRow(string Id, FacilityKind? Kind, int Total, IReadOnlyList<(string Status, int Count)> Statuses);
