using CityActors.Runtime.Storage;

namespace CityActors.Runtime.Tests.Storage;

public abstract partial class StorageBackendContract
{
    static readonly GrainId Lamp = new("streetlight", "42");

    [Fact]
    public async Task CommitAsync_UpsertReminders_ReadsThemBackExactly()
    {
        var reminders = new[]
        {
            new ReminderEntry(Lamp, "dusk", T0, TimeSpan.FromHours(24)),
            new ReminderEntry(Lamp, "check", T0.AddTicks(-70), TimeSpan.FromMinutes(90) + TimeSpan.FromMilliseconds(250)),
        };

        await CommitAsync([.. reminders.Select(r => new UpsertReminderOperation(r))]);

        Assert.Equal(reminders.OrderBy(r => r.Name), (await Backend.ReadRemindersAsync(None)).OrderBy(r => r.Name));
    }

    [Fact]
    public async Task CommitAsync_UpsertExistingReminder_ReplacesIt()
    {
        await CommitAsync(new UpsertReminderOperation(new ReminderEntry(Lamp, "dusk", T0, TimeSpan.FromHours(24))));
        var replacement = new ReminderEntry(Lamp, "dusk", T0.AddDays(1), TimeSpan.FromHours(12));

        await CommitAsync(new UpsertReminderOperation(replacement));

        Assert.Equal([replacement], await Backend.ReadRemindersAsync(None));
    }

    [Fact]
    public async Task CommitAsync_DeleteReminder_RemovesOnlyThatOne()
    {
        var kept = new ReminderEntry(Lamp, "check", T0, TimeSpan.FromMinutes(5));
        await CommitAsync(
            new UpsertReminderOperation(new ReminderEntry(Lamp, "dusk", T0, TimeSpan.FromHours(24))),
            new UpsertReminderOperation(kept));
        var delete = new DeleteReminderOperation(Lamp, "dusk");

        await CommitAsync(delete);

        Assert.False(delete.Conflict);
        Assert.Equal([kept], await Backend.ReadRemindersAsync(None));
    }

    [Fact]
    public async Task CommitAsync_DeleteMissingReminder_Succeeds()
    {
        var delete = new DeleteReminderOperation(Lamp, "never-registered");

        await CommitAsync(delete);

        Assert.False(delete.Conflict);
        Assert.Empty(await Backend.ReadRemindersAsync(None));
    }
}
