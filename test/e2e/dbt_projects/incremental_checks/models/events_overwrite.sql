{{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}
select category, count(*) as events, sum(amount) as amount
from {{ ref('events') }}
group by category
