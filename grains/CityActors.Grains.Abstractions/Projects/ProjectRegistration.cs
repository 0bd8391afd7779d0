namespace CityActors.Grains.Projects;

/// <summary>Where a project sits in the Concept of Integrated Development, what it is called, and who answers for it.</summary>
/// <param name="Priority">One of the Concept's six priorities, as written: <c>Ефективне місто</c>.</param>
/// <param name="StrategicGoal">The strategic goal it serves: <c>Формування сприятливого інвестиційного клімату</c>.</param>
/// <param name="Task">The numbered task of the goal: <c>1. Створити інформаційну платформу …</c>.</param>
/// <param name="Name">The project's name: <c>Бізнес-платформа</c>.</param>
/// <param name="StartYear">First year of its period (<c>2019-2030</c>), when the document gives one.</param>
/// <param name="EndYear">Last year of its period.</param>
/// <param name="Departments">Ids of the responsible departments.</param>
/// <param name="DepartmentSpellings">The departments as the source document spelled them, in its order, when it came from one.</param>
public sealed record ProjectRegistration(
    string Priority,
    string StrategicGoal,
    string Task,
    string Name,
    int? StartYear,
    int? EndYear,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string>? DepartmentSpellings = null);
