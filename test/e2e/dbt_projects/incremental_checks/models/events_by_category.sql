{{ config(materialized='view') }}
select e.category, c.category_id, count(*) as events
from {{ ref('events_merge') }} e
join {{ ref('categories') }} c on c.name = e.category
group by e.category, c.category_id
