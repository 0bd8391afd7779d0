using System.Globalization;
using CityActors.Grains.Departments;
using CityActors.Grains.Facilities;

namespace CityActors.Grains.Demo;

/// <summary>A demo Zhytomyr: departments and facilities with real district and street names.</summary>
public sealed record DemoCity(IReadOnlyList<DemoDepartment> Departments, IReadOnlyList<DemoFacility> Facilities);

public sealed record DemoDepartment(string Key, DepartmentRegistration Registration);

/// <param name="BackupPower">Runs on its own power in an outage (6 of the traffic-signal sites, per the 2023 report).</param>
public sealed record DemoFacility(string Key, FacilityRegistration Registration, bool BackupPower = false);

/// <summary>Builds Zhytomyr's registry from the counts in the city's 2023 programme report, the same for the same seed.</summary>
public static class DemoCityGenerator
{
    /// <summary>Facilities per kind. The report gives all of them but shelters, whose number here is the 192 simple shelters
    /// repaired in 136 apartment buildings plus the 40 newly readied (232), and the 6 modular ones it lists by address.</summary>
    public static IReadOnlyDictionary<string, int> Counts { get; } = new Dictionary<string, int>
    {
        ["kindergarten"] = 45,
        ["school"] = 33,
        ["out-of-school"] = 5,
        ["hospital"] = 3,
        ["clinic"] = 23,
        ["traffic-signal"] = 119,
        ["cctv-camera"] = 653,
        ["boiler-house"] = 55,
        ["sewage-pumping-station"] = 26,
        ["siren"] = 39,
        ["invincibility-point"] = 18,
        ["shelter"] = 232,
        ["modular-shelter"] = 6,
    };

    public static DemoCity Generate(int seed)
    {
        var random = new Random(seed);
        var facilities = new List<DemoFacility>();
        void Add(string kind, int number, string name, string department, int? capacity = null, bool publicLocation = true, string? address = null, string? district = null, bool backup = false)
        {
            district ??= random.Next(2) == 0 ? ZhytomyrData.Bohunskyi : ZhytomyrData.Koroliovskyi;
            address ??= Address(random, district);
            var (south, north, west, east) = ZhytomyrData.Bounds(district);
            var point = new GeoPoint(Math.Round(south + random.NextDouble() * (north - south), 5), Math.Round(west + random.NextDouble() * (east - west), 5));
            var key = string.Create(CultureInfo.InvariantCulture, $"{kind}-{number:000}");
            facilities.Add(new DemoFacility(key, new FacilityRegistration(kind, name, address, district, department, point, publicLocation, capacity), backup));
        }

        var kindergartens = Enumerable.Range(1, 70).OrderBy(_ => random.Next()).Take(Counts["kindergarten"]).Order().ToList();
        for (var i = 0; i < kindergartens.Count; i++)
            Add("kindergarten", i + 1, $"Заклад дошкільної освіти № {kindergartens[i]}", "education", capacity: 100 + random.Next(16) * 10);
        var schools = Enumerable.Range(1, 34).Where(n => n != 9).ToList();
        for (var i = 0; i < schools.Count; i++)
            Add("school", i + 1, schools[i] == 11 ? "Початкова школа № 11" : $"Ліцей № {schools[i]}", "education", capacity: 400 + random.Next(21) * 50);
        for (var i = 0; i < ZhytomyrData.OutOfSchoolCentres.Count; i++)
            Add("out-of-school", i + 1, ZhytomyrData.OutOfSchoolCentres[i], "education", capacity: 300 + random.Next(10) * 100);
        for (var i = 0; i < ZhytomyrData.Hospitals.Count; i++)
            Add("hospital", i + 1, ZhytomyrData.Hospitals[i], "health", capacity: 200 + random.Next(5) * 50);
        for (var i = 1; i <= 20; i++)
            Add("clinic", i, $"Амбулаторія загальної практики сімейної медицини № {i} КНП «Центр ПМСД»", "health");
        Add("clinic", 21, "Амбулаторія загальної практики сімейної медицини с. Вереси", "health", address: "с. Вереси, вул. Шевченка, 2", district: ZhytomyrData.Bohunskyi);
        Add("clinic", 22, "Стоматологічна поліклініка № 1", "health");
        Add("clinic", 23, "Стоматологічна поліклініка № 2", "health");

        for (var i = 1; i <= Counts["traffic-signal"]; i++)
        {
            var district = random.Next(2) == 0 ? ZhytomyrData.Bohunskyi : ZhytomyrData.Koroliovskyi;
            var streets = ZhytomyrData.Streets[district];
            var first = streets[random.Next(streets.Count)];
            var second = streets.Where(s => s != first).ElementAt(random.Next(streets.Count - 1));
            // The report: autonomous power on the six busiest crossroads.
            Add("traffic-signal", i, $"Світлофорний об'єкт: {first} — {second}", "transport", address: $"{first} / {second}", district: district, backup: i <= 6);
        }
        var camera = 0;
        foreach (var (placement, count) in ZhytomyrData.CameraPlacements)
        {
            for (var i = 0; i < count; i++)
            {
                camera++;
                var district = placement == "с. Вереси" ? ZhytomyrData.Bohunskyi : null;
                Add("cctv-camera", camera, string.Create(CultureInfo.InvariantCulture, $"Камера № {camera:0000} ({placement})"), "it", publicLocation: false,
                    address: placement == "с. Вереси" ? "с. Вереси" : null, district: district);
            }
        }
        for (var i = 1; i <= Counts["boiler-house"]; i++)
            Add("boiler-house", i, $"Котельня РК-{i}", "utilities", address: i == 12 ? "вул. Офіцерська, 9" : null, district: i == 12 ? ZhytomyrData.Bohunskyi : null);
        for (var i = 1; i <= Counts["sewage-pumping-station"]; i++)
            Add("sewage-pumping-station", i, i == 1 ? "Головна каналізаційна насосна станція" : $"КНС № {i}", "utilities");
        for (var i = 1; i <= Counts["siren"]; i++)
            Add("siren", i, $"Електросирена № {i}", "civil-protection");
        for (var i = 1; i <= Counts["invincibility-point"]; i++)
            Add("invincibility-point", i, $"Пункт незламності № {i}", "civil-protection", capacity: 50 + random.Next(10) * 10);
        for (var i = 1; i <= Counts["shelter"]; i++)
        {
            var district = random.Next(2) == 0 ? ZhytomyrData.Bohunskyi : ZhytomyrData.Koroliovskyi;
            var address = Address(random, district);
            Add("shelter", i, $"Найпростіше укриття: {address}", "housing", capacity: 30 + random.Next(18) * 10, publicLocation: false, address: address, district: district);
        }
        for (var i = 0; i < ZhytomyrData.ModularShelters.Count; i++)
        {
            var (address, district) = ZhytomyrData.ModularShelters[i];
            Add("modular-shelter", i + 1, $"Модульне укриття: {address}", "civil-protection", capacity: 20 + random.Next(4) * 10, publicLocation: false, address: address, district: district);
        }

        return new DemoCity([.. ZhytomyrData.Departments.Select(d => new DemoDepartment(d.Key, d.Registration))], facilities);
    }

    static string Address(Random random, string district)
    {
        var streets = ZhytomyrData.Streets[district];
        return string.Create(CultureInfo.InvariantCulture, $"{streets[random.Next(streets.Count)]}, {1 + random.Next(180)}");
    }
}
