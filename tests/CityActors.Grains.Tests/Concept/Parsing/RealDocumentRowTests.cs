using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Tests.Concept.Parsing;

/// <summary>Rows of the 2025 report compared field by field with the text of the file (line numbers of the file in comments).</summary>
public sealed class RealDocumentRowTests
{
    static readonly Lazy<ConceptDocument> Parsed = new(() =>
        new ConceptDocumentParser().ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025));

    static ConceptTask Task(string key) =>
        Parsed.Value.Priorities.SelectMany(p => p.Goals).SelectMany(g => g.Tasks).Single(t => t.Key == key);

    static ConceptProject Project(string key) => Task(key[..key.LastIndexOf('.')]).Projects.Single(p => p.Key == key);

    [Fact]
    public void Parse_Line9_ReadsTaskProjectPeriodDepartmentAndReport()
    {
        var task = Task("p1.g1.t1");

        var project = Project("p1.g1.t1.pr1");

        Assert.Equal(1, task.Number);
        Assert.Equal("Створити інформаційну платформу інвестиційного і кадрового потенціалу міста", task.Description);
        Assert.Equal("Бізнес-платформа 2019-2030 роки", project.Name);
        Assert.Equal("2019-2030", project.Period);
        Assert.Equal([new DepartmentRef("economy", "Департамент економічного розвитку міської ради", "Департамент економічного розвитку міської ради")], project.Departments);
        Assert.Equal("Забезпечено наповнення та актуалізацію інвестиційних пропозицій громади (вільні земельні ділянки, оренда/продаж нерухомого майна комунальної та приватної власності, інвестиційні проєкти) на Інвестиційному порталі Житомира. У розділі \"Добре\" оприлюднювалась інформація про місцевих виробників.", project.StatusText);
        Assert.Equal(StatusClass.Implemented, project.StatusClass);
    }

    [Fact]
    public void Parse_Line12_SecondProjectOfATaskIsSuspendedUnderMartialLaw()
    {
        var project = Project("p1.g1.t3.pr2");

        Assert.Equal("Індустріальний парк 2021-2030", project.Name);
        Assert.Equal("2021-2030", project.Period);
        Assert.Equal(["economy"], project.Departments.Select(d => d.Id));
        Assert.Equal("У 2021 році розпочато будівництво мереж водовідведення. Рівень виконання робіт становив 40,0%. У 2022 році призупинено реалізацію проєкту \"Будівництво індустріального парку по шосе Київському в м. Житомирі\" у зв'язку із введенням воєнного стану в Україні.", project.StatusText);
        Assert.Equal(StatusClass.SuspendedMartialLaw, project.StatusClass);
    }

    [Fact]
    public void Parse_Lines25And27_MarkdownGoalHoldsItsTasksAndProjects()
    {
        var cluster = Project("p1.g3.t1.pr1");

        var contests = Project("p1.g3.t2.pr1");

        Assert.Equal("Здійснювати організаційну та промоційну підтримку кластерів шляхом проведення тематичних семінарів, форумів, виставок тощо", Task("p1.g3.t1").Description);
        Assert.Equal("Проект Розділ \"Кластер\" на бізнес-платформі 2019-2030 роки", cluster.Name);
        Assert.Equal("Відсутня потреба у створенні розділу \"Кластери\"", cluster.StatusText);
        Assert.Equal(StatusClass.NoLongerNeeded, cluster.StatusClass);
        Assert.Equal("Конкурси інвестиційних та інноваційних проектів для малих підприємств, їх фінансова підтримка, просування на українські та міжнародні ринки", contests.Name);
        Assert.Null(contests.Period);
        Assert.Equal("Конкурси інвестиційних та інноваційних проектів на проведено", contests.StatusText);
        Assert.Equal(StatusClass.NotImplemented, contests.StatusClass);
    }

    [Fact]
    public void Parse_Lines34To37_ContinuationRowAddsItsParagraphsToTheProjectAbove()
    {
        var project = Project("p1.g4.t3.pr1");

        var paragraphs = project.StatusText.Split('\n');

        Assert.StartsWith("\"Energy-expert\" 2019-2030 роки (проведення навчальних тренінгів", project.Name, StringComparison.Ordinal);
        Assert.Equal(5, paragraphs.Length);
        Assert.StartsWith("Організовано тренінг «Міське енергетичне планування: регіональний та муніципальний рівень»", paragraphs[0], StringComparison.Ordinal);
        Assert.EndsWith("Національної премії «Енергоефективна Україна 2025».", paragraphs[0], StringComparison.Ordinal);
        Assert.Equal("У межах проєкту «Угода мерів-Схід» та спільно з ГО «Екоclub» організовано візит для представників 14 українських муніципалітетів України до міста Житомира. Головна мета заходу – обмін досвідом та презентація успішних проєктів, що реалізуються в Житомирській громаді.", paragraphs[1]);
        Assert.Equal("У межах проєкту «Угода мерів – Схід», що фінансується Європейським Союзом 20–21 жовтня організовано навчальний візит для представників Миколаївської міської ради в рамках національного проєкту «Пліч-о-пліч: згуртовані громади», який об'єднує громади тилкових і прифронтових міст з метою спільної роботи над відновленням інфраструктури, підтримкою життєдіяльності населення та зміцненням єдності в Україні.", paragraphs[4]);
        Assert.Equal(3, Task("p1.g4.t3").Number);
    }

    [Fact]
    public void Parse_Lines62And63_ShiftedRowIsReadAsProjectWithTwoDepartments()
    {
        var project = Project("p2.g1.t4.pr2");

        var paragraphs = project.StatusText.Split('\n');

        Assert.Equal("Центр розвитку кар'єри 2019-2030 роки", project.Name);
        Assert.Equal(["economy", "education"], project.Departments.Select(d => d.Id));
        Assert.Equal(["Департамент економічного розвитку міської ради", "департамент освіти міської ради"], project.Departments.Select(d => d.RawSpelling));
        Assert.Equal(5, paragraphs.Length);
        Assert.Equal("Центри розвитку кар'єри створені та функціонують у закладах професійної (професійно-технічної) освіти м. Житомира.", paragraphs[1]);
        Assert.StartsWith("З метою налагодження співпраці відбулася зустріч за участі бізнес-спільноти", paragraphs[3], StringComparison.Ordinal);
        Assert.Equal("Проведено реорганізацію закладів професійно-технічної освіти шляхом приєднання, в результаті якої створено 3 заклади: Професійний коледж сервісу і дизайну міста Житомира, Професійний коледж технічних інновацій міста Житомира, Професійний коледж індустрії краси і технологій міста Житомира, в яких навчаються 2017 учнів. За участі Естонського центру міжнародного розвитку (ESTDEV) та Таллінського університету розпочато реалізацію міжнародного проєкту із реформування професійної освіти. Завдяки трирічній програмі \"Підтримка реформи української системи професійної освіти\" учасники проєкту матимуть змогу вивчити естонський досвід — від трансформації системи до впровадження нових методик навчання. Пріоритетом проєкту є розвиток практичних компетенцій та інтеграція передових рішень в українське освітнє середовище", Project("p2.g1.t4.pr1").StatusText.Split('\n')[0]);
    }

    [Fact]
    public void Parse_Line89_FourCellRowIsAProjectWithFourDepartments()
    {
        var project = Project("p2.g2.t2.pr2");

        Assert.Equal("Винахідник року/проект року/стартап року 2019-2030 року (організація і проведення конкурсів на кращий винахід/проект та надання стипендії обдарованій молоді, фінансування містом навчання талановитих студентів. Програма підтримки стартапів - організація програми підтримки нових бізнес-ідей)", project.Name);
        Assert.Equal("2019-2030", project.Period);
        Assert.Equal(["economy", "education", "family-youth-sports", "culture"], project.Departments.Select(d => d.Id));
        Assert.Equal("управління у справах сім'ї, молоді та спорту міської ради", project.Departments[2].RawSpelling);
        Assert.StartsWith("Стипендії міського голови отримали кращі 15 студентів", project.StatusText, StringComparison.Ordinal);
        Assert.EndsWith("юних істориків, юних правознавців, юних фізиків", project.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Line132_GoalWithoutHeadingHoldsItsFirstTask()
    {
        var project = Project("p3.g3.t1.pr1");

        Assert.Equal("Розвивати пішохідний рух та пішохідні простори, забезпечувати доступності міського простору", Task("p3.g3.t1").Description);
        Assert.Equal("Облаштування безпечних зон під'їздів і зупинок особистого транспорту в районі шкіл для забезпечення висадки-посадки учнів у години початку та завершення навчання, що мають бути поєднані з безпечними і зручними пішохідними та велосипедними маршрутами до навчальних закладів", project.Name);
        Assert.Equal(["transport"], project.Departments.Select(d => d.Id));
        Assert.Equal("Проект не реалізовано", project.StatusText);
        Assert.Equal(StatusClass.NotImplemented, project.StatusClass);
    }

    [Fact]
    public void Parse_Line185_UnnumberedTaskWithoutProjectKeepsItsReport()
    {
        var task = Task("p3.g4.t2");

        var report = Assert.Single(task.Projects);

        Assert.Equal(2, task.Number);
        Assert.Equal("Здійснити децентралізацію міського управління шляхом реорганізації адміністративних районів міста відповідно до реальних міських утворень (Богунія, Крошня, Польова тощо)", task.Description);
        Assert.Equal("p3.g4.t2.pr1", report.Key);
        Assert.Equal(string.Empty, report.Name);
        Assert.Null(report.Period);
        Assert.Equal(["executive-bodies"], report.Departments.Select(d => d.Id));
        Assert.Equal("В мікрорайоні Польова функціонує сучасний центр надання адміністративних послуг \"Прозорий офіс\". У центральній частині міста функціонує Центр надання адміністративних послуг міської ради.", report.StatusText);
    }

    [Fact]
    public void Parse_Line223_ProjectWithEmptyDepartmentAndPeriodInBrackets()
    {
        var project = Project("p4.g1.t3.pr2");

        var paragraphs = project.StatusText.Split('\n');

        Assert.Equal("Громадський простір у мікрорайоні (2023-2030)", project.Name);
        Assert.Equal("2023-2030", project.Period);
        Assert.Empty(project.Departments);
        Assert.Equal(3, paragraphs.Length);
        Assert.Equal("Для мешканців мікрорайону «Польова» творчим колективом комунального закладу «Музична школа «Світло» організовано концертну програму «Музика просто неба».", paragraphs[2]);
    }

    [Fact]
    public void Parse_Lines283And284_GreenTaskNumberingAndLinkMarkupAreStripped()
    {
        var task = Task("p5.g1.t1");

        var project = Project("p5.g1.t1.pr1");

        Assert.Equal(1, task.Number);
        Assert.Equal("Запровадження публічного екомоніторингу параметрів природного навколишнього середовища", task.Description);
        Assert.Equal("Мобільний екомоніторинг Житомира 2021-2023 роки", project.Name);
        Assert.Equal("2021-2023", project.Period);
        Assert.Equal(["improvement-inspection", "housing"], project.Departments.Select(d => d.Id));
        Assert.Equal("КП \"Інспекція з благоустрою м.Житомира\"", project.Departments[0].RawSpelling);
        Assert.Equal(2, project.StatusText.Split('\n').Length);
        Assert.Contains("відображаються на платформі ЛУН https://lun.ua/misto/air в режимі реального часу.", project.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Line289_RowStandingOneColumnLeftIsRealigned()
    {
        var task = Task("p5.g1.t3");

        var project = Project("p5.g1.t3.pr1");

        Assert.Equal(3, task.Number);
        Assert.Equal("Створення сучасної системи поводження з твердими побутовими відходами, збору та переробки ресурсоцінних відходів", task.Description);
        Assert.Equal("Створення сучасної системи знешкодження ТПВ, збору та переробки ресурсоцінних відходів", project.Name);
        Assert.Equal(["housing"], project.Departments.Select(d => d.Id));
        Assert.StartsWith("Для збору твердих побутових відходів на території громади встановлено 3200 контейнерів.", project.StatusText, StringComparison.Ordinal);
        Assert.EndsWith("На території громади функціонує сміттєпереробний завод, що збудований за кошти інвестора.", project.StatusText, StringComparison.Ordinal);
        Assert.Equal(3, task.Projects.Count);
    }

    [Fact]
    public void Parse_Line319_ParagraphMarkupInEveryCellIsStripped()
    {
        var task = Task("p5.g4.t3");

        var report = task.Projects[0];

        Assert.Equal(3, task.Number);
        Assert.Equal("Облаштування пішохідних та велосипедних маршрутів, що пов'язують публічні простори, зони відпочинку, зелені зони у районах міста та передмістя", task.Description);
        Assert.Equal(string.Empty, report.Name);
        Assert.Equal(["transport"], report.Departments.Select(d => d.Id));
        Assert.Equal("Проект не реалізовано", report.StatusText);
        Assert.Equal("Формування зелених екранів між пішохідною й транспортною частиною вулиці Покровської 2023-2030 роки", task.Projects[1].Name);
    }

    [Fact]
    public void Parse_Lines328To341_OneTaskKeepsFiveDepartmentReportsAndFiveProjects()
    {
        var task = Task("p6.g1.t1");

        var health = Project("p6.g1.t1.pr2");
        var signage = Project("p6.g1.t1.pr10");

        Assert.Equal(10, task.Projects.Count);
        Assert.Equal(9, task.Projects[0].Departments.Count);
        Assert.Equal("управління культури", task.Projects[0].Departments[3].RawSpelling);
        Assert.Equal("Управління культури міської ради", task.Projects[0].Departments[3].Name);
        Assert.Equal(string.Empty, health.Name);
        Assert.Equal(["health"], health.Departments.Select(d => d.Id));
        Assert.Equal("На етапі виконання проєктних робіт на проведення реконструкцій, капітальних ремонтів будівель та приміщень закладів охорони здоров'я передбачаються умови для вільного доступу до них всіх категорій населення", health.StatusText);
        Assert.Equal("Система орієнтування та інформування 2019-2025 роки", signage.Name);
        Assert.Equal("2019-2025", signage.Period);
        Assert.Equal(["transport", "social-policy"], signage.Departments.Select(d => d.Id));
        Assert.StartsWith("В «Прозорому офісі» запроваджено систему відеозв'язку", signage.StatusText.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Lines393And394_TaskInTheNumberColumnAndEntitiesAreRead()
    {
        var task = Task("p6.g3.t3");

        var animals = Project("p6.g3.t3.pr1");
        var control = Project("p6.g3.t3.pr2");

        Assert.Equal(3, task.Number);
        Assert.Equal("Сприяти безпечному співіснуванню людей і тварин у місті", task.Description);
        Assert.Equal("Відповідальне утримання домашніх тварин 2019-2020 роки (популяризація відповідального утримання домашніх тварин через проведення просвітницьких заходів для власників тварин. Встановлення стійок з пакетами для екскрементів у місцях масового виходу тварин.", animals.Name);
        Assert.Equal("2019-2020", animals.Period);
        Assert.Equal([new DepartmentRef("animal-protection-centre", "КП \"Центр захисту тварин\" міської ради", "КП \"Центр захисту тварин\" міської ради")], animals.Departments);
        Assert.Contains("Спільно із виробником продукції для тварин Half&Half та виробником ветеринарних препаратів PROVET", animals.StatusText, StringComparison.Ordinal);
        Assert.Equal("Напрацювання механізму контролю та притягнення до відповідальності за порушення Правил утримання собак, котів та інших тварин на території міста)", control.Name);
        Assert.Empty(control.Departments);
        Assert.Equal("Механізм контролю та притягнення до відповідальності за порушення Правил утримання собак, котів та інших тварин на території міста не розроблений", control.StatusText);
        Assert.Equal(StatusClass.NotImplemented, control.StatusClass);
    }

    [Fact]
    public void Parse_Line397_NumberWrappedInParagraphMarkupStartsTheRepeatedGoal()
    {
        var task = Task("p6.g4.t1");

        var project = Assert.Single(task.Projects);

        Assert.Equal(1, task.Number);
        Assert.Equal("Підтримувати спеціалізовані заклади вторинної медичної допомоги міжрегіонального та всеукраїнського значення", task.Description);
        Assert.Equal("Підтримка материнства та дитинства 2021-2030 роки (проводити інформаційно-просвітницьку роботу з популяризації пологових будинків; створити сервісні центри обслуговування родичів породіль на час госпіталізації)", project.Name);
        Assert.Equal(["health"], project.Departments.Select(d => d.Id));
        Assert.StartsWith("Інформація про пологові будинки міста періодично висвітлюється", project.StatusText, StringComparison.Ordinal);
    }
}
