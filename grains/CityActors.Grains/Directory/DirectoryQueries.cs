using System.Globalization;

namespace CityActors.Grains.Directory;

/// <summary>Filters, orders and pages the directory's entries; only the listings of a page are made.</summary>
internal static class DirectoryQueries
{
    static readonly CultureInfo s_ukrainian = CultureInfo.GetCultureInfo("uk-UA");
    static readonly StringComparer s_names = StringComparer.Create(s_ukrainian, ignoreCase: true);

    public static FacilityPage List(IEnumerable<DirectoryEntry> listings, FacilityQuery query, long checkpoint)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidatePage(query.Offset, query.Limit);
        var search = Normalize(query.Search);
        var matching = listings.Where(f =>
            (query.Kind is null || f.Kind == query.Kind)
            && (query.Status is null || f.Status == query.Status)
            && (query.District is null || f.District == query.District)
            && (query.Department is null || f.Department == query.Department)
            && (query.Available is null || f.Available == query.Available)
            && MatchesAlarm(f, query.Alarm)
            && (search is null || Contains(f.Name, search) || f.Key.Contains(search, StringComparison.OrdinalIgnoreCase)
                || ((query.SearchWithheldAddresses || f.LocationPublic) && Contains(f.Address, search))));
        var ordered = Order(matching, query.Sort, query.Descending).ToList();
        return new FacilityPage([.. ordered.Skip(query.Offset).Take(query.Limit).Select(e => e.Listing)], ordered.Count, query.Offset, query.Limit, checkpoint);
    }

    public static AlarmPage ListAlarms(IEnumerable<DirectoryEntry> listings, AlarmQuery query, long checkpoint)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidatePage(query.Offset, query.Limit);
        var matching = listings
            .Where(f => (query.Kind is null || f.Kind == query.Kind)
                && (query.District is null || f.District == query.District)
                && (query.Department is null || f.Department == query.Department)
                && (query.Facility is null || f.Key == query.Facility))
            .SelectMany(f => f.ActiveAlarms.Select(a => new ActiveAlarm(f.Key, f.Name, f.Kind, f.District, f.Department, a)))
            .Where(a => (query.Severity is null || a.Alarm.Severity == query.Severity)
                && (query.State is null || a.Alarm.State == query.State)
                && (query.Type is null || a.Alarm.Type == query.Type))
            .OrderByDescending(a => a.Alarm.Severity)
            .ThenByDescending(a => a.Alarm.RaisedAt)
            .ThenBy(a => a.Facility, StringComparer.Ordinal)
            .ThenBy(a => a.Alarm.Type, StringComparer.Ordinal)
            .ToList();
        return new AlarmPage([.. matching.Skip(query.Offset).Take(query.Limit)], matching.Count, query.Offset, query.Limit, checkpoint);
    }

    static void ValidatePage(int offset, int limit)
    {
        if (offset < 0)
            throw new ValidationException("offset", "must not be negative.");
        if (limit is < 1 or > FacilityQuery.MaxLimit)
            throw new ValidationException("limit", $"must be between 1 and {FacilityQuery.MaxLimit}.");
    }

    static bool MatchesAlarm(DirectoryEntry f, AlarmFilter filter) => filter switch
    {
        AlarmFilter.Any => f.Alarms.Total > 0,
        AlarmFilter.None => f.Alarms.Total == 0,
        AlarmFilter.Info => f.Alarms.Info > 0,
        AlarmFilter.Warning => f.Alarms.Warning > 0,
        AlarmFilter.Critical => f.Alarms.Critical > 0,
        _ => true,
    };

    static IOrderedEnumerable<DirectoryEntry> Order(IEnumerable<DirectoryEntry> items, FacilitySort sort, bool descending)
    {
        var ordered = sort switch
        {
            FacilitySort.Name => By(items, f => f.Name, s_names, descending),
            FacilitySort.Kind => By(items, f => f.Kind, StringComparer.Ordinal, descending),
            FacilitySort.Status => By(items, f => f.Status, StringComparer.Ordinal, descending),
            FacilitySort.District => By(items, f => f.District, s_names, descending),
            FacilitySort.Department => By(items, f => f.Department, StringComparer.Ordinal, descending),
            FacilitySort.LastSeen => By(items, f => f.LastSeenAt ?? DateTimeOffset.MinValue, Comparer<DateTimeOffset>.Default, descending),
            FacilitySort.Alarms => By(items, f => (f.Alarms.Critical, f.Alarms.Warning, f.Alarms.Info), Comparer<(int, int, int)>.Default, descending),
            _ => By(items, f => f.Key, StringComparer.Ordinal, descending),
        };
        return ordered.ThenBy(f => f.Key, StringComparer.Ordinal);
    }

    static IOrderedEnumerable<DirectoryEntry> By<T>(IEnumerable<DirectoryEntry> items, Func<DirectoryEntry, T> key, IComparer<T> comparer, bool descending)
        => descending ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer);

    /// <summary>People type <c>'</c> for the Ukrainian apostrophe that documents spell <c>’</c> or <c>ʼ</c>.</summary>
    static string? Normalize(string? text)
        => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Replace('’', '\'').Replace('ʼ', '\'');

    static bool Contains(string text, string search)
        => s_ukrainian.CompareInfo.IndexOf(Normalize(text) ?? "", search, CompareOptions.IgnoreCase) >= 0;
}
